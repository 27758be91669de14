package org.tessera.oauth.token;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by an authorization grant that decides the token's identity itself (token
 * exchange does: the token speaks for the impersonated service account, not the client).
 */
public interface TokenIdentitySource {

	TokenIdentity tokenIdentity();

	/**
	 * The session's display name, for the token's {@code display_name} claim; or null.
	 */
	default @Nullable String displayName() {
		return null;
	}

	/** What the request narrowed the token to. */
	default TokenNarrowing narrowing() {
		return TokenNarrowing.NONE;
	}

}
