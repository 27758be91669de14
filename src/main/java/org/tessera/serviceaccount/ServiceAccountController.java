package org.tessera.serviceaccount;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.accountpolicy.PolicyAttachmentGuard;
import org.tessera.audit.ChangeAudit;
import org.tessera.policy.Crn;
import org.tessera.web.IfMatch;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/**
 * Service accounts themselves under {@code /iam/v1/accounts/{acct}/service-accounts}:
 * create, list, read, update, trust, disable, enable, delete, undelete. Their secrets,
 * keys and policies have controllers of their own. A handler takes its {@link AccountId}
 * after any body or query parameter, so that a malformed one is refused before an
 * impossible account.
 */
@RestController
class ServiceAccountController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts";

	private final ServiceAccountLifecycle lifecycle;

	private final AccessGuard guard;

	private final PolicyAttachmentGuard attachments;

	private final ChangeAudit audit;

	ServiceAccountController(ServiceAccountLifecycle lifecycle, AccessGuard guard, PolicyAttachmentGuard attachments,
			ChangeAudit audit) {
		this.lifecycle = lifecycle;
		this.guard = guard;
		this.attachments = attachments;
		this.audit = audit;
	}

	/**
	 * {@code trustedAccounts} items are account ids or trust entries ({@link TrustList}).
	 */
	record CreateRequest(String name, String description, List<Object> trustedAccounts, List<String> policies,
			Object maxSessionDuration) {
	}

	record UpdateRequest(String description, Object maxSessionDuration) {
	}

	record TrustRequest(List<Object> accounts) {
	}

	/** A trust entry as the API shows it; absent conditions are left out. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TrustEntryView(String account, String externalId, List<String> principals, Long maxSessionDuration) {

		static TrustEntryView of(TrustEntry entry) {
			return new TrustEntryView(entry.account().value(), entry.externalId(),
					entry.principals().isEmpty() ? null : entry.principals(),
					(entry.maxSessionDuration() != null) ? entry.maxSessionDuration().toSeconds() : null);
		}

	}

	record ServiceAccountView(String id, String crn, String name, String description, boolean enabled, boolean deleted,
			List<String> trustedAccounts, List<TrustEntryView> trust, long maxSessionDuration, List<String> policies,
			Instant createdAt, Instant lastUsedAt) {

		static ServiceAccountView of(ServiceAccount sa, List<String> policies) {
			return new ServiceAccountView(sa.id(), sa.principal().crn().toString(), sa.name(), sa.description(),
					sa.enabled(), sa.deleted(), sa.trustedAccounts().stream().map(AccountId::value).toList(),
					sa.trust().stream().map(TrustEntryView::of).toList(), sa.maxSessionDuration().toSeconds(), policies,
					sa.createdAt(), sa.lastUsedAt());
		}

	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CreatedView(String id, String crn, String name, String description, boolean enabled, boolean deleted,
			List<String> trustedAccounts, List<TrustEntryView> trust, long maxSessionDuration, List<String> policies,
			Instant createdAt, Instant lastUsedAt, String clientId, String secretId, String clientSecret) {
	}

	@PostMapping(BASE)
	ResponseEntity<CreatedView> create(Caller caller, @RequestBody CreateRequest request, AccountId account) {
		String saId = ServiceAccountLifecycle.newServiceAccountId();
		checkCreate(caller, account, saId, request);
		CreatedSecret created = this.lifecycle.create(account, saId, request.name(), request.description(),
				request.trustedAccounts(), request.policies(), request.maxSessionDuration());
		ServiceAccount sa = created.serviceAccount();
		record(caller, "CreateServiceAccount", sa);
		ServiceAccountView view = ServiceAccountView.of(sa, this.lifecycle.policiesOf(sa));
		return ResponseEntity
			.created(URI.create("/iam/v1/accounts/" + account.value() + "/service-accounts/" + sa.id()))
			.body(new CreatedView(view.id(), view.crn(), view.name(), view.description(), view.enabled(),
					view.deleted(), view.trustedAccounts(), view.trust(), view.maxSessionDuration(), view.policies(),
					view.createdAt(), view.lastUsedAt(), sa.id(), created.secretId(), created.clientSecret()));
	}

	@GetMapping(BASE)
	Page<ServiceAccountView> list(Caller caller, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken, @RequestParam(required = false) Integer unusedForDays,
			@RequestParam(defaultValue = "false") boolean showDeleted, AccountId account) {
		this.guard.check(caller, "iam:ListServiceAccounts", IamResources.serviceAccounts(account));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		List<ServiceAccount> rows = this.lifecycle.page(account, page, unusedForDays, showDeleted);
		Map<PrincipalRef, List<String>> policies = this.lifecycle.policiesOf(rows);
		return Page.of(rows, page, ServiceAccount::id, (sa) -> ServiceAccountView.of(sa, policies.get(sa.principal())));
	}

	@GetMapping(BASE + "/{saId}")
	ResponseEntity<ServiceAccountView> get(Caller caller, AccountId account, @PathVariable String saId) {
		this.guard.check(caller, "iam:GetServiceAccount", IamResources.serviceAccount(account, saId));
		return tagged(this.lifecycle.get(account, saId));
	}

	@PatchMapping(BASE + "/{saId}")
	ResponseEntity<ServiceAccountView> update(Caller caller, @PathVariable String saId,
			@RequestBody UpdateRequest request, AccountId account, IfMatch ifMatch) {
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "UpdateServiceAccount",
				this.lifecycle.update(account, saId, request.description(), request.maxSessionDuration(), ifMatch));
	}

	@PutMapping(BASE + "/{saId}/trust")
	ResponseEntity<ServiceAccountView> trust(Caller caller, @PathVariable String saId,
			@RequestBody TrustRequest request, AccountId account, IfMatch ifMatch) {
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "SetServiceAccountTrust",
				this.lifecycle.setTrust(account, saId, request.accounts(), ifMatch));
	}

	@PostMapping(BASE + "/{saId}/disable")
	ResponseEntity<ServiceAccountView> disable(Caller caller, AccountId account, @PathVariable String saId,
			IfMatch ifMatch) {
		this.guard.check(caller, "iam:DisableServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "DisableServiceAccount", this.lifecycle.setEnabled(account, saId, false, ifMatch));
	}

	@PostMapping(BASE + "/{saId}/enable")
	ResponseEntity<ServiceAccountView> enable(Caller caller, AccountId account, @PathVariable String saId,
			IfMatch ifMatch) {
		this.guard.check(caller, "iam:EnableServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "EnableServiceAccount", this.lifecycle.setEnabled(account, saId, true, ifMatch));
	}

	@DeleteMapping(BASE + "/{saId}")
	ResponseEntity<Void> delete(Caller caller, AccountId account, @PathVariable String saId, IfMatch ifMatch) {
		this.guard.check(caller, "iam:DeleteServiceAccount", IamResources.serviceAccount(account, saId));
		record(caller, "DeleteServiceAccount", this.lifecycle.delete(account, saId, ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(BASE + "/{saId}/undelete")
	ResponseEntity<ServiceAccountView> undelete(Caller caller, AccountId account, @PathVariable String saId) {
		this.guard.check(caller, "iam:UndeleteServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "UndeleteServiceAccount", this.lifecycle.undelete(account, saId));
	}

	/**
	 * Creating grants the new service account its policies and trust, so it also needs
	 * the rights that attaching them (on the new CRN and on each policy's) or setting the
	 * trust afterwards would (on the new CRN): nobody hands a service account more than
	 * they could give it later.
	 */
	private void checkCreate(Caller caller, AccountId account, String saId, CreateRequest request) {
		this.guard.check(caller, "iam:CreateServiceAccount", IamResources.serviceAccounts(account));
		Crn created = IamResources.serviceAccount(account, saId);
		if (request.policies() != null && !request.policies().isEmpty()) {
			this.guard.check(caller, "iam:AttachPolicy", created);
			this.attachments.checkEach(caller, "iam:AttachPolicy", account, request.policies());
		}
		if (request.trustedAccounts() != null && !request.trustedAccounts().isEmpty()) {
			this.guard.check(caller, "iam:UpdateServiceAccount", created);
		}
	}

	private ResponseEntity<ServiceAccountView> recorded(Caller caller, String type, ServiceAccount sa) {
		record(caller, type, sa);
		return tagged(sa);
	}

	/** The view with the service account's version as its ETag, for a later If-Match. */
	private ResponseEntity<ServiceAccountView> tagged(ServiceAccount sa) {
		return ResponseEntity.ok().eTag(sa.etag()).body(ServiceAccountView.of(sa, this.lifecycle.policiesOf(sa)));
	}

	private void record(Caller caller, String type, ServiceAccount sa) {
		this.audit.record(caller, type, "ok", sa.principal().crn());
	}

}
