package org.tessera.policy;

import java.util.Collection;
import java.util.Objects;

/**
 * The one place where the evaluation rules of the product live: a request needs a
 * matching Allow statement, a matching Deny statement always wins, and statements only
 * ever grant access to resources of the principal's own account, with two exceptions: the
 * impersonation action, whose cross-account use the caller checks against trust
 * separately, and attaching or detaching a managed policy, whose CRN
 * {@code crn:iam::policy/<name>} belongs to no account
 * ({@value #MANAGED_POLICY_PREFIX}...): a statement of any account may grant
 * {@code iam:AttachPolicy} and {@code iam:DetachPolicy} on it, and nothing else.
 * Stateless and thread-safe; evaluating allocates nothing beyond iterating the
 * collection.
 */
public final class PolicyEvaluator {

	/** The action allowed across accounts; compared ignoring ASCII case. */
	public static final String IMPERSONATE_ACTION = "iam:ImpersonateServiceAccount";

	/**
	 * The actions a statement may grant on a managed policy; compared ignoring ASCII
	 * case.
	 */
	public static final String ATTACH_POLICY_ACTION = "iam:AttachPolicy";

	/** See {@link #ATTACH_POLICY_ACTION}. */
	public static final String DETACH_POLICY_ACTION = "iam:DetachPolicy";

	/**
	 * Every managed policy's CRN starts so: the {@code iam} service, no account, a
	 * {@code policy/} resource.
	 */
	public static final String MANAGED_POLICY_PREFIX = "crn:iam::policy/";

	private static final WildcardPattern IMPERSONATION = WildcardPattern.ignoringAsciiCase(IMPERSONATE_ACTION);

	private static final WildcardPattern ATTACH_POLICY = WildcardPattern.ignoringAsciiCase(ATTACH_POLICY_ACTION);

	private static final WildcardPattern DETACH_POLICY = WildcardPattern.ignoringAsciiCase(DETACH_POLICY_ACTION);

	/**
	 * Decides one request, in this order: a resource that is not a valid CRN is
	 * {@link Decision#IMPLICIT_DENY}; any matching Deny statement, whatever account the
	 * resource is in, is {@link Decision#EXPLICIT_DENY}; a resource of another account
	 * (for any action but impersonation), or of no account (for any action but attaching
	 * or detaching a managed policy), is {@link Decision#IMPLICIT_DENY}; a matching Allow
	 * statement is {@link Decision#ALLOW}; anything else is
	 * {@link Decision#IMPLICIT_DENY}.
	 * @param principalAccount the digits of the account the calling principal belongs to
	 * @param statements every statement that applies to the principal
	 * @param action the requested action, e.g. {@code iam:GetUser}
	 * @param resourceCrn the requested resource's name, e.g.
	 * {@code crn:iam:53461:user/System1}
	 * @throws IllegalArgumentException if {@code principalAccount} is not a non-empty
	 * string of digits
	 */
	public Decision evaluate(String principalAccount, Collection<Statement> statements, String action,
			String resourceCrn) {
		requireAccount(principalAccount);
		Objects.requireNonNull(statements, "statements");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(resourceCrn, "resourceCrn");
		int accountEnd = Crn.accountEnd(resourceCrn);
		if (accountEnd < 0) {
			return Decision.IMPLICIT_DENY;
		}
		boolean grantable = Crn.isInAccount(resourceCrn, accountEnd, principalAccount) || IMPERSONATION.matches(action)
				|| isManagedPolicyAttachment(action, resourceCrn);
		boolean allowed = false;
		for (Statement statement : statements) {
			if (statement.effect() == Effect.DENY) {
				if (statement.matches(action, resourceCrn)) {
					return Decision.EXPLICIT_DENY;
				}
			}
			else if (grantable && !allowed) {
				allowed = statement.matches(action, resourceCrn);
			}
		}
		return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
	}

	/**
	 * Decides a request of a token narrowed by a session policy: both the principal's
	 * statements and the session's must allow it, and a Deny in either wins, so a session
	 * policy only ever narrows. With {@code session} null (no session policy) this is
	 * {@link #evaluate(String, Collection, String, String)}.
	 */
	public Decision evaluate(String principalAccount, Collection<Statement> statements, Collection<Statement> session,
			String action, String resourceCrn) {
		Decision principal = evaluate(principalAccount, statements, action, resourceCrn);
		if (session == null || principal == Decision.EXPLICIT_DENY) {
			return principal;
		}
		Decision narrowed = evaluate(principalAccount, session, action, resourceCrn);
		if (narrowed == Decision.EXPLICIT_DENY || !principal.allowed()) {
			return narrowed == Decision.EXPLICIT_DENY ? narrowed : principal;
		}
		return narrowed;
	}

	private static boolean isManagedPolicyAttachment(String action, String validCrn) {
		return validCrn.startsWith(MANAGED_POLICY_PREFIX)
				&& (ATTACH_POLICY.matches(action) || DETACH_POLICY.matches(action));
	}

	private static void requireAccount(String principalAccount) {
		Objects.requireNonNull(principalAccount, "principalAccount");
		boolean digits = !principalAccount.isEmpty();
		for (int i = 0; i < principalAccount.length() && digits; i++) {
			char c = principalAccount.charAt(i);
			digits = c >= '0' && c <= '9';
		}
		if (!digits) {
			throw new IllegalArgumentException("principalAccount must be an account's digits");
		}
	}

}
