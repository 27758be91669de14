package org.tessera.console;

import org.springframework.stereotype.Component;
import org.tessera.access.PrincipalRef;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;

/**
 * Principals as people name them on the console's pages: {@code root}, a user's name, a
 * service account's name (its id when it is gone).
 */
@Component
class PrincipalNames {

	private final ServiceAccountDirectory serviceAccounts;

	PrincipalNames(ServiceAccountDirectory serviceAccounts) {
		this.serviceAccounts = serviceAccounts;
	}

	String nameOf(PrincipalRef principal) {
		return switch (principal.kind()) {
			case ROOT -> "root";
			case USER -> principal.id();
			case SERVICE_ACCOUNT ->
				this.serviceAccounts.find(principal.id()).map(ServiceAccount::name).orElse(principal.id());
		};
	}

	/** A principal CRN as its name and its account; any other text as it is. */
	String described(String crn) {
		return PrincipalRef.fromCrn(crn)
			.map((principal) -> nameOf(principal) + " (account " + principal.account().value() + ")")
			.orElse(crn);
	}

}
