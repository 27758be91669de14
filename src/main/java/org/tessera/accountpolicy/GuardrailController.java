package org.tessera.accountpolicy;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.AccessGuard;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.audit.ChangeAudit;
import org.tessera.policy.Crn;

/**
 * An account's guardrails under {@code /iam/v1/accounts/{acct}/guardrails}: Deny-only
 * account policies that bind every principal acting in the account, as Google Cloud's
 * deny policies and AWS's service control policies do. Changing them takes
 * {@code iam:PutAccountGuardrail} or {@code iam:RemoveAccountGuardrail}, which no managed
 * policy grants; the root user may always change them, so that no guardrail locks the
 * account out of its own guardrails.
 */
@RestController
class GuardrailController {

	private static final String BASE = "/iam/v1/accounts/{acct}/guardrails";

	private final AccountPolicyService service;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	GuardrailController(AccountPolicyService service, AccessGuard guard, ChangeAudit audit) {
		this.service = service;
		this.guard = guard;
		this.audit = audit;
	}

	record GuardrailView(String policy, String crn) {

		static GuardrailView of(AccountId account, String policy) {
			return new GuardrailView(policy, Crn.of("iam", account.value(), "policy/" + policy).toString());
		}

	}

	@GetMapping(BASE)
	Map<String, List<GuardrailView>> list(Caller caller, AccountId account) {
		this.guard.check(caller, "iam:ListAccountGuardrails", IamResources.guardrails(account));
		return Map.of("items",
				this.service.guardrailsOf(account).stream().map((name) -> GuardrailView.of(account, name)).toList());
	}

	@PutMapping(BASE + "/{policy}")
	ResponseEntity<Void> put(Caller caller, AccountId account, @PathVariable String policy) {
		Crn guardrail = IamResources.guardrail(account, policy);
		requireChanger(caller, "iam:PutAccountGuardrail", guardrail);
		String name = this.service.putGuardrail(account, policy);
		this.audit.record(caller, "PutAccountGuardrail", name, IamResources.guardrail(account, name));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping(BASE + "/{policy}")
	ResponseEntity<Void> remove(Caller caller, AccountId account, @PathVariable String policy) {
		Crn guardrail = IamResources.guardrail(account, policy);
		requireChanger(caller, "iam:RemoveAccountGuardrail", guardrail);
		String name = this.service.removeGuardrail(account, policy);
		this.audit.record(caller, "RemoveAccountGuardrail", name, IamResources.guardrail(account, name));
		return ResponseEntity.noContent().build();
	}

	/** The account's own root user, or a holder of the action. */
	private void requireChanger(Caller caller, String action, Crn guardrail) {
		boolean ownRoot = caller.principal().kind() == PrincipalRef.Kind.ROOT
				&& caller.principal().account().value().equals(guardrail.account());
		if (!ownRoot) {
			this.guard.check(caller, action, guardrail);
		}
	}

}
