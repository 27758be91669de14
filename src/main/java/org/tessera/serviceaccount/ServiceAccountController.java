package org.tessera.serviceaccount;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
import org.tessera.account.AccountId;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/** Service accounts under {@code /iam/v1/accounts/{acct}/service-accounts}. */
@RestController
class ServiceAccountController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts";

	private final ServiceAccountService service;

	private final AccessGuard guard;

	ServiceAccountController(ServiceAccountService service, AccessGuard guard) {
		this.service = service;
		this.guard = guard;
	}

	record CreateRequest(String name, String description, List<String> trustedAccounts, List<String> policies) {
	}

	record UpdateRequest(String description) {
	}

	record TrustRequest(List<String> accounts) {
	}

	record ServiceAccountView(String id, String crn, String name, String description, boolean enabled, boolean deleted,
			List<String> trustedAccounts, List<String> policies, Instant createdAt, Instant lastUsedAt) {

		static ServiceAccountView of(ServiceAccount sa, List<String> policies) {
			return new ServiceAccountView(sa.id(), sa.principal().crn().toString(), sa.name(), sa.description(),
					sa.enabled(), sa.deleted(), sa.trustedAccounts().stream().map(AccountId::value).toList(), policies,
					sa.createdAt(), sa.lastUsedAt());
		}

	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CreatedView(String id, String crn, String name, String description, boolean enabled, boolean deleted,
			List<String> trustedAccounts, List<String> policies, Instant createdAt, Instant lastUsedAt,
			String clientId, String secretId, String clientSecret) {
	}

	@PostMapping(BASE)
	ResponseEntity<CreatedView> create(Caller caller, @PathVariable String acct, @RequestBody CreateRequest request) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:CreateServiceAccount", IamResources.serviceAccounts(account));
		ServiceAccountService.Created created = this.service.create(account, request.name(), request.description(),
				request.trustedAccounts(), request.policies());
		ServiceAccount sa = created.serviceAccount();
		ServiceAccountView view = ServiceAccountView.of(sa, this.service.policiesOf(sa));
		return ResponseEntity.created(URI.create("/iam/v1/accounts/" + acct + "/service-accounts/" + sa.id()))
			.body(new CreatedView(view.id(), view.crn(), view.name(), view.description(), view.enabled(),
					view.deleted(), view.trustedAccounts(), view.policies(), view.createdAt(), view.lastUsedAt(),
					sa.id(), created.secretId(), created.clientSecret()));
	}

	@GetMapping(BASE)
	Page<ServiceAccountView> list(Caller caller, @PathVariable String acct,
			@RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken,
			@RequestParam(required = false) Integer unusedForDays) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListServiceAccounts", IamResources.serviceAccounts(account));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		return Page.of(this.service.page(account, page, unusedForDays), page, ServiceAccount::id,
				(sa) -> ServiceAccountView.of(sa, this.service.policiesOf(sa)));
	}

	@GetMapping(BASE + "/{saId}")
	ServiceAccountView get(Caller caller, @PathVariable String acct, @PathVariable String saId) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:GetServiceAccount", IamResources.serviceAccount(account, saId));
		return view(this.service.get(account, saId));
	}

	@PatchMapping(BASE + "/{saId}")
	ServiceAccountView update(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestBody UpdateRequest request) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return view(this.service.updateDescription(account, saId, request.description()));
	}

	@PutMapping(BASE + "/{saId}/trust")
	ServiceAccountView trust(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestBody TrustRequest request) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return view(this.service.setTrust(account, saId, request.accounts()));
	}

	@PutMapping(BASE + "/{saId}/policies/{policy}")
	ResponseEntity<Void> attach(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String policy) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:AttachPolicy", IamResources.serviceAccount(account, saId));
		this.service.attach(account, saId, policy);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping(BASE + "/{saId}/policies/{policy}")
	ResponseEntity<Void> detach(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String policy) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:DetachPolicy", IamResources.serviceAccount(account, saId));
		this.service.detach(account, saId, policy);
		return ResponseEntity.noContent().build();
	}

	private ServiceAccountView view(ServiceAccount sa) {
		return ServiceAccountView.of(sa, this.service.policiesOf(sa));
	}

}
