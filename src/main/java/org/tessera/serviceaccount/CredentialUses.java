package org.tessera.serviceaccount;

import java.time.Instant;

/**
 * Where the token endpoint notes that a client secret or key was just used to get a
 * token: {@link LastUse} keeps it in memory and flushes it, so noting costs no database
 * write per token.
 */
public interface CredentialUses {

	/** The secret {@code secretId} of the service account was used at {@code at}. */
	void secretUsed(String serviceAccountId, String secretId, Instant at);

	/** The key {@code keyId} of the service account was used at {@code at}. */
	void keyUsed(String serviceAccountId, String keyId, Instant at);

}
