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
import org.springframework.web.bind.annotation.RequestHeader;
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

/** Service accounts under {@code /iam/v1/accounts/{acct}/service-accounts}. */
@RestController
class ServiceAccountController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts";

	private final ServiceAccountService service;

	private final AccessGuard guard;

	private final AccountPolicyService policies;

	private final PolicyAttachmentGuard attachments;

	private final ChangeAudit audit;

	ServiceAccountController(ServiceAccountService service, AccessGuard guard, AccountPolicyService policies,
			PolicyAttachmentGuard attachments, ChangeAudit audit) {
		this.service = service;
		this.guard = guard;
		this.policies = policies;
		this.attachments = attachments;
		this.audit = audit;
	}

	record CreateRequest(String name, String description, List<String> trustedAccounts, List<String> policies) {
	}

	record UpdateRequest(String description) {
	}

	record TrustRequest(List<String> accounts) {
	}

	record SecretRequest(Instant expiresAt) {
	}

	record KeyRequest(String algorithm, String publicKeyPem) {
	}

	record SecretView(String secretId, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

		static SecretView of(ClientSecret secret) {
			return new SecretView(secret.id(), secret.createdAt(), secret.expiresAt(), secret.lastUsedAt());
		}

	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CreatedSecretView(String secretId, String saId, String clientSecret, Instant createdAt, Instant expiresAt) {
	}

	/** {@code expiresAt} is always null: a key works until it is deleted. */
	record KeyView(String keyId, String saId, String algorithm, Map<String, Object> publicKey, Instant createdAt,
			Instant expiresAt, Instant lastUsedAt) {

		static KeyView of(ServiceAccountKey key) {
			return new KeyView(key.id(), key.serviceAccountId(), key.algorithm(), key.publicKey().toJSONObject(),
					key.createdAt(), null, key.lastUsedAt());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreatedKeyView(String keyId, String saId, String algorithm, Map<String, Object> publicKey,
			String privateKeyPem, Instant createdAt) {
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
		String saId = ServiceAccountService.newServiceAccountId();
		checkCreate(caller, account, saId, request);
		ServiceAccountService.Created created = this.service.create(account, saId, request.name(),
				request.description(), request.trustedAccounts(), request.policies());
		ServiceAccount sa = created.serviceAccount();
		record(caller, "CreateServiceAccount", sa);
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
		List<ServiceAccount> rows = this.service.page(account, page, unusedForDays);
		Map<PrincipalRef, List<String>> policies = this.service.policiesOf(rows);
		return Page.of(rows, page, ServiceAccount::id, (sa) -> ServiceAccountView.of(sa, policies.get(sa.principal())));
	}

	@GetMapping(BASE + "/{saId}")
	ResponseEntity<ServiceAccountView> get(Caller caller, @PathVariable String acct, @PathVariable String saId) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:GetServiceAccount", IamResources.serviceAccount(account, saId));
		return tagged(this.service.get(account, saId));
	}

	@PatchMapping(BASE + "/{saId}")
	ResponseEntity<ServiceAccountView> update(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestBody UpdateRequest request, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "UpdateServiceAccount", this.service.updateDescription(account, saId, request.description(), ifMatch));
	}

	@PutMapping(BASE + "/{saId}/trust")
	ResponseEntity<ServiceAccountView> trust(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestBody TrustRequest request, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:UpdateServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "SetServiceAccountTrust", this.service.setTrust(account, saId, request.accounts(), ifMatch));
	}

	@PutMapping(BASE + "/{saId}/policies/{policy}")
	ResponseEntity<Void> attach(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String policy, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:AttachPolicy", IamResources.serviceAccount(account, saId));
		this.attachments.check(caller, "iam:AttachPolicy", account, policy);
		ServiceAccount sa = this.service.attach(account, saId, policy, ifMatch);
		record(caller, "AttachPolicy", this.policies.storedName(account, policy), sa);
		return ResponseEntity.noContent().eTag(sa.etag()).build();
	}

	@DeleteMapping(BASE + "/{saId}/policies/{policy}")
	ResponseEntity<Void> detach(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String policy, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:DetachPolicy", IamResources.serviceAccount(account, saId));
		this.attachments.check(caller, "iam:DetachPolicy", account, policy);
		ServiceAccount sa = this.service.detach(account, saId, policy, ifMatch);
		record(caller, "DetachPolicy", this.policies.storedName(account, policy), sa);
		return ResponseEntity.noContent().eTag(sa.etag()).build();
	}

	@PostMapping(BASE + "/{saId}/disable")
	ResponseEntity<ServiceAccountView> disable(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:DisableServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "DisableServiceAccount", this.service.setEnabled(account, saId, false, ifMatch));
	}

	@PostMapping(BASE + "/{saId}/enable")
	ResponseEntity<ServiceAccountView> enable(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:EnableServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "EnableServiceAccount", this.service.setEnabled(account, saId, true, ifMatch));
	}

	@DeleteMapping(BASE + "/{saId}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestHeader(value = "If-Match", required = false) String ifMatch) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:DeleteServiceAccount", IamResources.serviceAccount(account, saId));
		record(caller, "DeleteServiceAccount", this.service.delete(account, saId, ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(BASE + "/{saId}/undelete")
	ResponseEntity<ServiceAccountView> undelete(Caller caller, @PathVariable String acct, @PathVariable String saId) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:UndeleteServiceAccount", IamResources.serviceAccount(account, saId));
		return recorded(caller, "UndeleteServiceAccount", this.service.undelete(account, saId));
	}

	@PostMapping(BASE + "/{saId}/secrets")
	ResponseEntity<CreatedSecretView> createSecret(Caller caller, @PathVariable String acct,
			@PathVariable String saId, @RequestBody(required = false) SecretRequest request) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:CreateServiceAccountSecret", IamResources.serviceAccount(account, saId));
		ServiceAccountService.Created created = this.service.createSecret(account, saId,
				(request != null) ? request.expiresAt() : null);
		record(caller, "CreateServiceAccountSecret", created.secretId(), created.serviceAccount());
		ClientSecret secret = this.service.secretsOf(saId)
			.stream()
			.filter((s) -> s.id().equals(created.secretId()))
			.findFirst()
			.orElseThrow();
		return ResponseEntity.status(201)
			.body(new CreatedSecretView(created.secretId(), saId, created.clientSecret(), secret.createdAt(),
					secret.expiresAt()));
	}

	@GetMapping(BASE + "/{saId}/secrets")
	Page<SecretView> secrets(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListServiceAccountSecrets", IamResources.serviceAccount(account, saId));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		this.service.get(account, saId);
		return Page.ofAll(this.service.secretsOf(saId), page,
				(secret) -> Page.timeOrderedKey(secret.createdAt(), secret.id()), SecretView::of);
	}

	@DeleteMapping(BASE + "/{saId}/secrets/{secretId}")
	ResponseEntity<Void> deleteSecret(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String secretId) {
		AccountId account = AccountPath.parse(acct);
		IamResources.existingId(secretId);
		this.guard.check(caller, "iam:DeleteServiceAccountSecret", IamResources.serviceAccount(account, saId));
		this.service.deleteSecret(account, saId, secretId);
		record(caller, "DeleteServiceAccountSecret", secretId, this.service.get(account, saId));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(BASE + "/{saId}/keys")
	ResponseEntity<CreatedKeyView> createKey(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestBody(required = false) KeyRequest request) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:CreateServiceAccountKey", IamResources.serviceAccount(account, saId));
		ServiceAccountService.CreatedKey created = this.service.createKey(account, saId,
				(request != null) ? request.algorithm() : null, (request != null) ? request.publicKeyPem() : null);
		ServiceAccountKey key = created.key();
		record(caller, "CreateServiceAccountKey", key.id(), this.service.get(account, saId));
		return ResponseEntity.status(201)
			.body(new CreatedKeyView(key.id(), saId, key.algorithm(), key.publicKey().toJSONObject(),
					created.privateKeyPem(), key.createdAt()));
	}

	@GetMapping(BASE + "/{saId}/keys")
	Page<KeyView> keys(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
		AccountId account = AccountPath.parse(acct);
		this.guard.check(caller, "iam:ListServiceAccountKeys", IamResources.serviceAccount(account, saId));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		this.service.get(account, saId);
		return Page.ofAll(this.service.keysOf(saId), page, (key) -> Page.timeOrderedKey(key.createdAt(), key.id()),
				KeyView::of);
	}

	@DeleteMapping(BASE + "/{saId}/keys/{keyId}")
	ResponseEntity<Void> deleteKey(Caller caller, @PathVariable String acct, @PathVariable String saId,
			@PathVariable String keyId) {
		AccountId account = AccountPath.parse(acct);
		IamResources.existingId(keyId);
		this.guard.check(caller, "iam:DeleteServiceAccountKey", IamResources.serviceAccount(account, saId));
		this.service.deleteKey(account, saId, keyId);
		record(caller, "DeleteServiceAccountKey", keyId, this.service.get(account, saId));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Creating grants the new service account its policies and trust, so it also needs the rights
	 * that attaching them (on the new CRN and on each policy's) or setting the trust afterwards
	 * would (on the new CRN): nobody hands a service account more than they could give it later.
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

	private ServiceAccountView view(ServiceAccount sa) {
		return ServiceAccountView.of(sa, this.service.policiesOf(sa));
	}

	private ResponseEntity<ServiceAccountView> recorded(Caller caller, String type, ServiceAccount sa) {
		record(caller, type, "ok", sa);
		return tagged(sa);
	}

	/** The view with the service account's version as its ETag, for a later If-Match. */
	private ResponseEntity<ServiceAccountView> tagged(ServiceAccount sa) {
		return ResponseEntity.ok().eTag(sa.etag()).body(view(sa));
	}

	private void record(Caller caller, String type, ServiceAccount sa) {
		record(caller, type, "ok", sa);
	}

	/** Audits a change; {@code detail} names what inside the service account changed (a policy, a secret id). */
	private void record(Caller caller, String type, String detail, ServiceAccount sa) {
		this.audit.record(caller, type, detail, sa.principal().crn());
	}

}
