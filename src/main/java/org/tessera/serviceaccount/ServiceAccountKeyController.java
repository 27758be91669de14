package org.tessera.serviceaccount;

import java.time.Instant;
import java.util.Map;

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
 * Public keys of a service account under
 * {@code /iam/v1/accounts/{acct}/service-accounts/{saId}/keys}: a generated key's private
 * half is answered once, when it is created, and never stored.
 */
@RestController
class ServiceAccountKeyController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts/{saId}/keys";

	private final ServiceAccountKeys keys;

	private final ServiceAccountStore store;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	ServiceAccountKeyController(ServiceAccountKeys keys, ServiceAccountStore store, AccessGuard guard,
			ChangeAudit audit) {
		this.keys = keys;
		this.store = store;
		this.guard = guard;
		this.audit = audit;
	}

	record KeyRequest(String algorithm, String publicKeyPem) {
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

	@PostMapping(BASE)
	ResponseEntity<CreatedKeyView> create(Caller caller, @PathVariable String saId,
			@RequestBody(required = false) KeyRequest request, AccountId account) {
		this.guard.check(caller, "iam:CreateServiceAccountKey", IamResources.serviceAccount(account, saId));
		ServiceAccountKeys.CreatedKey created = this.keys.create(account, saId,
				(request != null) ? request.algorithm() : null, (request != null) ? request.publicKeyPem() : null);
		ServiceAccountKey key = created.key();
		record(caller, "CreateServiceAccountKey", key.id(), this.store.get(account, saId));
		return ResponseEntity.status(201)
			.body(new CreatedKeyView(key.id(), saId, key.algorithm(), key.publicKey().toJSONObject(),
					created.privateKeyPem(), key.createdAt()));
	}

	@GetMapping(BASE)
	Page<KeyView> list(Caller caller, @PathVariable String saId, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken, AccountId account) {
		this.guard.check(caller, "iam:ListServiceAccountKeys", IamResources.serviceAccount(account, saId));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		return Page.ofAll(this.keys.of(account, saId), page, (key) -> Page.timeOrderedKey(key.createdAt(), key.id()),
				KeyView::of);
	}

	@DeleteMapping(BASE + "/{keyId}")
	ResponseEntity<Void> delete(Caller caller, AccountId account, @PathVariable String saId,
			@PathVariable String keyId) {
		IamResources.existingId(keyId);
		this.guard.check(caller, "iam:DeleteServiceAccountKey", IamResources.serviceAccount(account, saId));
		this.keys.delete(account, saId, keyId);
		record(caller, "DeleteServiceAccountKey", keyId, this.store.get(account, saId));
		return ResponseEntity.noContent().build();
	}

	/** Audits a change to the service account {@code sa}; {@code keyId} names the key. */
	private void record(Caller caller, String type, String keyId, ServiceAccount sa) {
		this.audit.record(caller, type, keyId, sa.principal().crn());
	}

}
