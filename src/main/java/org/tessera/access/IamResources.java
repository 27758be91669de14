package org.tessera.access;

import java.util.regex.Pattern;

import org.tessera.account.AccountId;
import org.tessera.policy.Crn;
import org.tessera.web.NotFoundException;

/**
 * The CRN that each management call is checked against (SPEC section 4). A name taken from a
 * path that no object could have (a space, a slash, a control character) is a 404 here, before
 * it could become a malformed CRN.
 */
public final class IamResources {

	/** Every character any IAM object name or id may use. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,128}");

	private IamResources() {
	}

	public static Crn user(AccountId account, String name) {
		return iam(account, "user/" + existingName(name));
	}

	public static Crn users(AccountId account) {
		return iam(account, "user/*");
	}

	public static Crn serviceAccount(AccountId account, String saId) {
		return iam(account, "service-account/" + existingName(saId));
	}

	public static Crn serviceAccounts(AccountId account) {
		return iam(account, "service-account/*");
	}

	public static Crn policy(AccountId account, String name) {
		return iam(account, "policy/" + existingName(name));
	}

	public static Crn policies(AccountId account) {
		return iam(account, "policy/*");
	}

	public static Crn auditEvents(AccountId account) {
		return iam(account, "audit-event/*");
	}

	private static String existingName(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new NotFoundException("nothing is named " + ((name == null) ? "null" : name.strip()));
		}
		return name;
	}

	private static Crn iam(AccountId account, String resource) {
		return Crn.of("iam", account.value(), resource);
	}

}
