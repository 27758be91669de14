package org.tessera.accountpolicy;

import java.util.List;

import org.springframework.stereotype.Component;
import org.tessera.access.AccessGuard;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.account.AccountId;
import org.tessera.policy.Crn;

/**
 * Makes the policy part of the right to attach or detach it: besides the action on the
 * principal (checked by the caller), the caller needs the same action on the policy's
 * CRN, {@code crn:iam:<acct>:policy/<name>} for an account policy and
 * {@code crn:iam::policy/<name>} for a managed one. So an administrator can grant "may
 * attach only these policies", as AWS scopes attachment by policy ARN, and nobody allowed
 * to attach to themselves reaches every policy by it. Root users, allowed everything in
 * their account, may attach every policy as before.
 */
@Component
public class PolicyAttachmentGuard {

	private final AccessGuard guard;

	private final AccountPolicyService policies;

	PolicyAttachmentGuard(AccessGuard guard, AccountPolicyService policies) {
		this.guard = guard;
		this.policies = policies;
	}

	/**
	 * Checks {@code action} on the named policy as the path spells it and as it is stored
	 * (names are unique case-insensitively, so a statement naming the policy holds
	 * however it is spelt); a name no policy could have is a 404. Throws
	 * {@code PermissionDeniedException} naming the action and the policy's CRN when
	 * refused.
	 */
	public void check(Caller caller, String action, AccountId account, String policyName) {
		this.guard.checkNamed(caller, action, policyName, (spelt) -> crn(account, spelt),
				(spelt) -> this.policies.storedName(account, spelt));
	}

	/**
	 * {@link #check} for each entry of a list in a request body; entries that are no
	 * policy name are left to the service, which refuses them with a 400 naming the
	 * entry.
	 */
	public void checkEach(Caller caller, String action, AccountId account, List<String> policyNames) {
		for (String name : policyNames) {
			if (IamResources.isPossiblePolicyName(name)) {
				check(caller, action, account, name);
			}
		}
	}

	private static Crn crn(AccountId account, String name) {
		return ManagedPolicies.isManaged(name) ? IamResources.managedPolicy(name) : IamResources.policy(account, name);
	}

}
