package org.tessera.oauth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code jti} of every revoked, not yet expired access token. Issuing a token writes
 * nothing; only a revocation writes a row, and the row goes when the token would have expired
 * anyway, so the list stays as small as the revocations of one token lifetime. Reads are
 * served from memory.
 */
@Component
public class RevocationList {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	public RevocationList(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		jdbc.sql("SELECT jti, expires_at FROM revoked_token")
			.query((rs, row) -> this.revoked.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Revokes the token with this {@code jti} until {@code expiresAt}; durable before it returns. */
	public void revoke(String jti, Instant expiresAt) {
		this.jdbc.sql("MERGE INTO revoked_token (jti, expires_at) KEY (jti) VALUES (?, ?)")
			.params(jti, Timestamp.from(expiresAt))
			.update();
		this.revoked.put(jti, expiresAt);
	}

	public boolean isRevoked(String jti) {
		return this.revoked.containsKey(jti);
	}

	/** Forgets revocations of tokens that have expired by now. */
	@Scheduled(fixedDelayString = "PT10M")
	public void purgeExpired() {
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(Timestamp.from(now)).update();
		this.revoked.values().removeIf(now::isAfter);
	}

}
