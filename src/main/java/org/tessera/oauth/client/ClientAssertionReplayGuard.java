package org.tessera.oauth.client;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers the {@code jti} of every accepted assertion of a service account
 * ({@code private_key_jwt} and the JWT-bearer grant alike) until it expires, in the
 * database so that a restart does not reopen the window: RFC 7523 section 3 lets the
 * server refuse a replayed assertion, and Tessera always does. Client assertions live at
 * most five minutes and grant assertions an hour, so the table holds at most an hour of
 * assertion logins.
 */
@Component
public class ClientAssertionReplayGuard implements AssertionReplays {

	private final JdbcClient jdbc;

	private final Clock clock;

	public ClientAssertionReplayGuard(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public boolean firstUse(String clientId, String jti, Instant expiresAt) {
		try {
			this.jdbc.sql("INSERT INTO used_client_assertion (client_id, jti, expires_at) VALUES (?, ?, ?)")
				.params(clientId, jti, Timestamp.from(expiresAt))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Scheduled(fixedDelayString = "PT5M")
	public void forgetExpired() {
		this.jdbc.sql("DELETE FROM used_client_assertion WHERE expires_at < ?")
			.param(Timestamp.from(this.clock.instant()))
			.update();
	}

}
