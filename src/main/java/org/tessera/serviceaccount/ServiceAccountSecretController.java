package org.tessera.serviceaccount;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.AccessGuard;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.account.AccountId;
import org.tessera.audit.ChangeAudit;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/**
 * Client secrets of a service account under
 * {@code /iam/v1/accounts/{acct}/service-accounts/{saId}/secrets}: a secret's value is
 * answered once, when it is created, and never listed.
 */
@RestController
class ServiceAccountSecretController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts/{saId}/secrets";

	private final ServiceAccountSecrets secrets;

	private final ServiceAccountStore store;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	ServiceAccountSecretController(ServiceAccountSecrets secrets, ServiceAccountStore store, AccessGuard guard,
			ChangeAudit audit) {
		this.secrets = secrets;
		this.store = store;
		this.guard = guard;
		this.audit = audit;
	}

	record SecretRequest(Instant expiresAt) {
	}

	record SecretView(String secretId, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

		static SecretView of(ClientSecret secret) {
			return new SecretView(secret.id(), secret.createdAt(), secret.expiresAt(), secret.lastUsedAt());
		}

	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CreatedSecretView(String secretId, String saId, String clientSecret, Instant createdAt, Instant expiresAt) {
	}

	@PostMapping(BASE)
	ResponseEntity<CreatedSecretView> create(Caller caller, @PathVariable String saId,
			@RequestBody(required = false) SecretRequest request, AccountId account) {
		this.guard.check(caller, "iam:CreateServiceAccountSecret", IamResources.serviceAccount(account, saId));
		CreatedSecret created = this.secrets.create(account, saId, (request != null) ? request.expiresAt() : null);
		record(caller, "CreateServiceAccountSecret", created.secretId(), created.serviceAccount());
		ClientSecret secret = this.store.secretsOf(saId)
			.stream()
			.filter((s) -> s.id().equals(created.secretId()))
			.findFirst()
			.orElseThrow();
		return ResponseEntity.status(201)
			.body(new CreatedSecretView(created.secretId(), saId, created.clientSecret(), secret.createdAt(),
					secret.expiresAt()));
	}

	@GetMapping(BASE)
	Page<SecretView> list(Caller caller, @PathVariable String saId, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken, AccountId account) {
		this.guard.check(caller, "iam:ListServiceAccountSecrets", IamResources.serviceAccount(account, saId));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		return Page.ofAll(this.secrets.of(account, saId), page,
				(secret) -> Page.timeOrderedKey(secret.createdAt(), secret.id()), SecretView::of);
	}

	@DeleteMapping(BASE + "/{secretId}")
	ResponseEntity<Void> delete(Caller caller, AccountId account, @PathVariable String saId,
			@PathVariable String secretId) {
		IamResources.existingId(secretId);
		this.guard.check(caller, "iam:DeleteServiceAccountSecret", IamResources.serviceAccount(account, saId));
		this.secrets.delete(account, saId, secretId);
		record(caller, "DeleteServiceAccountSecret", secretId, this.store.get(account, saId));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Audits a change to the service account {@code sa}; {@code secretId} names the
	 * secret.
	 */
	private void record(Caller caller, String type, String secretId, ServiceAccount sa) {
		this.audit.record(caller, type, secretId, sa.principal().crn());
	}

}
