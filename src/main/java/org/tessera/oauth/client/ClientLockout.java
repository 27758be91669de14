package org.tessera.oauth.client;

import org.tessera.lockout.FailedAttempts;
import org.tessera.serviceaccount.ServiceAccountService;

/** Counts a failed client authentication, naming the service account in the lockout audit when it exists. */
final class ClientLockout {

	private ClientLockout() {
	}

	static void failed(FailedAttempts failures, ServiceAccountService serviceAccounts, String clientId) {
		serviceAccounts.find(clientId)
			.ifPresentOrElse(
					(sa) -> failures.failed(clientId, "ClientLockedOut", sa.principal().crn().toString(),
							sa.account().value()),
					() -> failures.failed(clientId, "ClientLockedOut", null, null));
	}

}
