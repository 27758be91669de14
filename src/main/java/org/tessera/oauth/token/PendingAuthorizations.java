package org.tessera.oauth.token;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Where {@link TransientAuthorizationService} keeps the authorizations of logins under
 * way and of redeemed codes, each under a few keys (its id, its {@code state}, its code),
 * for a given time.
 */
public interface PendingAuthorizations {

	void put(String key, OAuth2Authorization authorization, Duration keep);

	/** The authorization under this key, unless it expired or was removed. */
	@Nullable OAuth2Authorization get(String key);

	void remove(String key);

	/** Pending authorizations in the database that several nodes share (PostgreSQL). */
	static PendingAuthorizations inDatabase(JdbcClient jdbc, Clock clock) {
		return new JdbcPendingAuthorizations(jdbc, clock);
	}

}
