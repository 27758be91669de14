package org.tessera.oauth.client;

import java.time.Instant;

/**
 * The {@code jti} values of accepted assertions of service accounts, as
 * {@code private_key_jwt} and the JWT-bearer grant check them (RFC 7523 section 3), one
 * set for both: {@link ClientAssertionReplayGuard} keeps them in the database until they
 * expire, so a restart does not reopen the window.
 */
public interface AssertionReplays {

	/**
	 * Records the assertion until {@code expiresAt}; false when this client already used
	 * that {@code jti}.
	 */
	boolean firstUse(String clientId, String jti, Instant expiresAt);

}
