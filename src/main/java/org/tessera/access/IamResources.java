package org.tessera.access;

import java.util.regex.Pattern;

import org.tessera.account.AccountId;
import org.tessera.policy.Crn;
import org.tessera.iam.NotFoundException;

/**
 * The CRN that each management call is checked against
 * (src/site/markdown/management-api.md). A name taken from a path that no object could
 * have (a space, a slash, a control character, more characters than such a name has when
 * created) is a 404 here, before it could become a malformed or long CRN.
 */
public final class IamResources {

	/**
	 * The longest name or id of any IAM object: policy names are at most this long when
	 * created.
	 */
	public static final int MAX_NAME_LENGTH = 128;

	/** The longest user name, as when users are created. */
	public static final int MAX_USER_NAME_LENGTH = 64;

	/** Every character any IAM object name or id may use. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1," + MAX_NAME_LENGTH + "}");

	private IamResources() {
	}

	public static Crn user(AccountId account, String name) {
		return iam(account, "user/" + existingName(name, MAX_USER_NAME_LENGTH));
	}

	public static Crn users(AccountId account) {
		return iam(account, "user/*");
	}

	public static Crn serviceAccount(AccountId account, String saId) {
		return iam(account, "service-account/" + existingName(saId, MAX_NAME_LENGTH));
	}

	public static Crn serviceAccounts(AccountId account) {
		return iam(account, "service-account/*");
	}

	public static Crn policy(AccountId account, String name) {
		return iam(account, "policy/" + existingName(name, MAX_NAME_LENGTH));
	}

	/**
	 * A managed policy, {@code crn:iam::policy/<name>}: it belongs to no account, and
	 * statements reach it only to attach or detach it (see {@code PolicyEvaluator}).
	 */
	public static Crn managedPolicy(String name) {
		return Crn.of("iam", "", "policy/" + existingName(name, MAX_NAME_LENGTH));
	}

	/**
	 * Whether some policy could have this name, so that {@link #policy} would not refuse
	 * it.
	 */
	public static boolean isPossiblePolicyName(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	public static Crn policies(AccountId account) {
		return iam(account, "policy/*");
	}

	/** An account policy as a guardrail of its account. */
	public static Crn guardrail(AccountId account, String policyName) {
		return iam(account, "guardrail/" + existingName(policyName, MAX_NAME_LENGTH));
	}

	public static Crn guardrails(AccountId account) {
		return iam(account, "guardrail/*");
	}

	public static Crn auditEvents(AccountId account) {
		return iam(account, "audit-event/*");
	}

	/**
	 * An id taken from a path that names no CRN of its own (a secret id, a key id),
	 * checked as names are: 404 when no object could have it.
	 */
	public static String existingId(String id) {
		return existingName(id, MAX_NAME_LENGTH);
	}

	/**
	 * The name, or 404 when no object could have it; a name too long to exist is not
	 * echoed back.
	 */
	private static String existingName(String name, int maxLength) {
		if (name != null && name.length() > maxLength) {
			throw new NotFoundException(
					"nothing is named so: no such name or id is longer than " + maxLength + " characters");
		}
		if (name == null || !NAME.matcher(name).matches()) {
			throw new NotFoundException("nothing is named " + ((name == null) ? "null" : name.strip()));
		}
		return name;
	}

	private static Crn iam(AccountId account, String resource) {
		return Crn.of("iam", account.value(), resource);
	}

}
