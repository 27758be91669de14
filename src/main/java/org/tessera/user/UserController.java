package org.tessera.user;

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
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.accountpolicy.PolicyAttachmentGuard;
import org.tessera.audit.ChangeAudit;
import org.tessera.policy.Crn;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/** IAM users under {@code /iam/v1/accounts/{acct}/users}. */
@RestController
class UserController {

	private final UserService service;

	private final AccessGuard guard;

	private final AccountPolicyService policies;

	private final PolicyAttachmentGuard attachments;

	private final ChangeAudit audit;

	UserController(UserService service, AccessGuard guard, AccountPolicyService policies,
			PolicyAttachmentGuard attachments, ChangeAudit audit) {
		this.service = service;
		this.guard = guard;
		this.policies = policies;
		this.attachments = attachments;
		this.audit = audit;
	}

	record CreateUserRequest(String name, String password) {
	}

	record UserView(String name, String crn, List<String> policies, Instant createdAt) {
	}

	@PostMapping("/iam/v1/accounts/{acct}/users")
	ResponseEntity<UserView> create(Caller caller, @PathVariable String acct, @RequestBody CreateUserRequest request) {
		AccountId account = AccountPath.parse(acct);
		UserService.checkName(request.name());
		this.guard.check(caller, "iam:CreateUser", IamResources.user(account, request.name()));
		IamUser user = this.service.create(account, request.name(), request.password());
		this.audit.record(caller, "CreateUser", "ok", user.principal().crn());
		return ResponseEntity.created(URI.create("/iam/v1/accounts/" + acct + "/users/" + user.name()))
			.body(view(user, List.of()));
	}

	@GetMapping("/iam/v1/accounts/{acct}/users")
	Page<UserView> list(Caller caller, @PathVariable String acct, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListUsers", IamResources.users(account));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		List<IamUser> rows = this.service.page(account, page);
		Map<PrincipalRef, List<String>> policies = this.service.policiesOf(rows);
		return Page.of(rows, page, (u) -> UserRepository.key(u.name()), (u) -> view(u, policies.get(u.principal())));
	}

	@GetMapping("/iam/v1/accounts/{acct}/users/{name}")
	UserView get(Caller caller, @PathVariable String acct, @PathVariable String name) {
		AccountId account = AccountPath.parse(acct);
		check(caller, "iam:GetUser", account, name);
		IamUser user = this.service.get(account, name);
		return view(user, this.service.policiesOf(user));
	}

	@DeleteMapping("/iam/v1/accounts/{acct}/users/{name}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String acct, @PathVariable String name) {
		AccountId account = AccountPath.parse(acct);
		Crn user = IamResources.user(account, check(caller, "iam:DeleteUser", account, name));
		this.service.delete(account, name);
		this.audit.record(caller, "DeleteUser", "ok", user);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/iam/v1/accounts/{acct}/users/{name}/policies/{policy}")
	ResponseEntity<Void> attach(Caller caller, @PathVariable String acct, @PathVariable String name,
			@PathVariable String policy) {
		AccountId account = AccountPath.parse(acct);
		Crn user = IamResources.user(account, check(caller, "iam:AttachPolicy", account, name));
		this.attachments.check(caller, "iam:AttachPolicy", account, policy);
		this.service.attach(account, name, policy);
		this.audit.record(caller, "AttachPolicy", this.policies.storedName(account, policy), user);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/iam/v1/accounts/{acct}/users/{name}/policies/{policy}")
	ResponseEntity<Void> detach(Caller caller, @PathVariable String acct, @PathVariable String name,
			@PathVariable String policy) {
		AccountId account = AccountPath.parse(acct);
		Crn user = IamResources.user(account, check(caller, "iam:DetachPolicy", account, name));
		this.attachments.check(caller, "iam:DetachPolicy", account, policy);
		this.service.detach(account, name, policy);
		this.audit.record(caller, "DetachPolicy", this.policies.storedName(account, policy), user);
		return ResponseEntity.noContent().build();
	}

	/** Checks the action on the named user; returns the user's stored name. */
	private String check(Caller caller, String action, AccountId account, String name) {
		return this.guard.checkNamed(caller, action, name, (spelt) -> IamResources.user(account, spelt),
				(spelt) -> this.service.storedName(account, spelt));
	}

	private static UserView view(IamUser user, List<String> policies) {
		return new UserView(user.name(), user.principal().crn().toString(), policies, user.createdAt());
	}

}
