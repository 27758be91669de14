package org.tessera.oauth.client;

import java.time.Instant;

/**
 * The {@code jti} values of accepted client assertions, as {@code private_key_jwt} checks
 * them (RFC 7523 section 3): {@link ClientAssertionReplayGuard} keeps them in the
 * database until they expire, so a restart does not reopen the window.
 */
public interface AssertionReplays {

	/**
	 * Records the assertion until {@code expiresAt}; false when this client already used
	 * that {@code jti}.
	 */
	boolean firstUse(String clientId, String jti, Instant expiresAt);

}
