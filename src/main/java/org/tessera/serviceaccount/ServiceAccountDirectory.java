package org.tessera.serviceaccount;

import java.util.List;
import java.util.Optional;

/**
 * What the token side reads of service accounts, and nothing more: the account itself,
 * its secrets and its keys, each by the service account's id. Reads answer from memory
 * once warm, so issuing a token touches no database; a change to a service account is
 * seen by the next read after it commits. Callers check state themselves
 * ({@link ServiceAccount#active()}).
 */
public interface ServiceAccountDirectory {

	/**
	 * The service account {@code saId} in any state (deleted and disabled included), or
	 * empty.
	 */
	Optional<ServiceAccount> find(String saId);

	/** Its client secrets with their last use; empty for an unknown id. */
	List<ClientSecret> secretsOf(String saId);

	/** Its public keys with their last use; empty for an unknown id. */
	List<ServiceAccountKey> keysOf(String saId);

}
