package org.tessera.oauth.token;

import java.util.Optional;

import org.tessera.access.PrincipalRef;

/**
 * Whom a token would speak for and what it may do, as the token exchange reads it:
 * {@link TokenIdentityResolver} computes it from the IAM store.
 */
public interface TokenIdentities {

	/**
	 * The identity of an active service account, by its client_id; empty if it cannot get
	 * tokens.
	 */
	Optional<TokenIdentity> forServiceAccount(String saId);

	/** The identity of the principal with its current statements. */
	TokenIdentity forPrincipal(PrincipalRef principal);

}
