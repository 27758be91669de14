package org.tessera.accountpolicy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.AccessGuard;
import org.tessera.access.AccountPath;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.audit.ChangeAudit;
import org.tessera.policy.Crn;
import org.tessera.policy.PolicyDocument;
import org.tessera.policy.Statement;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/** Account policies and managed policies under {@code /iam/v1}. */
@RestController
class PolicyController {

	private final AccountPolicyService service;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	PolicyController(AccountPolicyService service, AccessGuard guard, ChangeAudit audit) {
		this.service = service;
		this.guard = guard;
		this.audit = audit;
	}

	record PolicyView(String name, String crn, String description, List<Map<String, Object>> statements,
			boolean managed, Instant createdAt, Instant updatedAt) {

		static PolicyView of(StoredPolicy policy) {
			PolicyDocument document = policy.document();
			return new PolicyView(document.name(),
					Crn.of("iam", policy.account().value(), "policy/" + document.name()).toString(),
					document.description(), document.statements().stream().map(Statement::toJson).toList(), false,
					policy.createdAt(), policy.updatedAt());
		}

		static PolicyView managed(PolicyDocument document) {
			return new PolicyView(document.name(), Crn.of("iam", "", "policy/" + document.name()).toString(),
					document.description(), document.statements().stream().map(Statement::toJson).toList(), true, null,
					null);
		}

	}

	record AttachmentView(String principal, String type) {

		static AttachmentView of(PrincipalRef principal) {
			return new AttachmentView(principal.crn().toString(),
					(principal.kind() == PrincipalRef.Kind.USER) ? "user" : "service-account");
		}

	}

	@PostMapping("/iam/v1/accounts/{acct}/policies")
	ResponseEntity<PolicyView> create(Caller caller, @PathVariable String acct, @RequestBody Map<String, Object> body) {
		AccountId account = AccountPath.parse(acct);
		PolicyDocument document = this.service.parse(body);
		this.guard.check(caller, "iam:CreatePolicy", IamResources.policy(account, document.name()));
		StoredPolicy policy = this.service.create(account, document);
		this.audit.record(caller, "CreatePolicy", "ok", IamResources.policy(account, policy.document().name()));
		return ResponseEntity.created(URI.create("/iam/v1/accounts/" + acct + "/policies/" + policy.document().name()))
			.body(PolicyView.of(policy));
	}

	@GetMapping("/iam/v1/accounts/{acct}/policies")
	Page<PolicyView> list(Caller caller, @PathVariable String acct, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListPolicies", IamResources.policies(account));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		return Page.of(this.service.page(account, page), page, (p) -> ManagedPolicies.key(p.document().name()),
				PolicyView::of);
	}

	@GetMapping("/iam/v1/accounts/{acct}/policies/{name}")
	PolicyView get(Caller caller, @PathVariable String acct, @PathVariable String name) {
		AccountId account = AccountPath.parse(acct);
		check(caller, "iam:GetPolicy", account, name);
		return ManagedPolicies.find(name)
			.map(PolicyView::managed)
			.orElseGet(() -> PolicyView.of(this.service.get(account, name)));
	}

	@PutMapping("/iam/v1/accounts/{acct}/policies/{name}")
	PolicyView update(Caller caller, @PathVariable String acct, @PathVariable String name,
			@RequestBody Map<String, Object> body) {
		AccountId account = AccountPath.parse(acct);
		check(caller, "iam:UpdatePolicy", account, name);
		StoredPolicy policy = this.service.update(account, name, this.service.parse(body));
		this.audit.record(caller, "UpdatePolicy", "ok", IamResources.policy(account, policy.document().name()));
		return PolicyView.of(policy);
	}

	@DeleteMapping("/iam/v1/accounts/{acct}/policies/{name}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String acct, @PathVariable String name) {
		AccountId account = AccountPath.parse(acct);
		Crn policy = IamResources.policy(account, check(caller, "iam:DeletePolicy", account, name));
		this.service.delete(account, name);
		this.audit.record(caller, "DeletePolicy", "ok", policy);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/iam/v1/accounts/{acct}/policies/{name}/attachments")
	Page<AttachmentView> attachments(Caller caller, @PathVariable String acct, @PathVariable String name) {
		AccountId account = AccountPath.parse(acct);
		check(caller, "iam:GetPolicy", account, name);
		return new Page<>(this.service.attachments(account, name).stream().map(AttachmentView::of).toList(), null);
	}

	/** Checks the action on the named policy; returns the policy's stored name. */
	private String check(Caller caller, String action, AccountId account, String name) {
		return this.guard.checkNamed(caller, action, name, (spelt) -> IamResources.policy(account, spelt),
				(spelt) -> this.service.storedName(account, spelt));
	}

	@GetMapping("/iam/v1/managed-policies")
	Page<PolicyView> managed() {
		return new Page<>(ManagedPolicies.all().stream().map(PolicyView::managed).toList(), null);
	}

}
