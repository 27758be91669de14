package org.tessera.serviceaccount;

import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
import org.tessera.iam.InvalidRequestException;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;

/**
 * Access keys of a service account under
 * {@code /iam/v1/accounts/{acct}/service-accounts/{saId}/access-keys}, shaped as AWS
 * IAM's {@code CreateAccessKey} answers them: the secret access key is answered once,
 * when the key is created, and never again.
 */
@RestController
class AccessKeyController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts/{saId}/access-keys";

	private final ServiceAccountAccessKeys keys;

	private final ServiceAccountStore store;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	AccessKeyController(ServiceAccountAccessKeys keys, ServiceAccountStore store, AccessGuard guard,
			ChangeAudit audit) {
		this.keys = keys;
		this.store = store;
		this.guard = guard;
		this.audit = audit;
	}

	record StatusRequest(String status) {
	}

	record AccessKeyView(String accessKeyId, String saId, AccessKeyStatus status, Instant createdAt,
			Instant lastUsedAt) {

		static AccessKeyView of(AccessKey key) {
			return new AccessKeyView(key.id(), key.serviceAccountId(), key.status(), key.createdAt(), key.lastUsedAt());
		}

	}

	record CreatedAccessKeyView(String accessKeyId, String saId, String secretAccessKey, AccessKeyStatus status,
			Instant createdAt) {

		@Override
		public String toString() {
			return "CreatedAccessKeyView[" + this.accessKeyId + ", secret=<hidden>]";
		}

	}

	@PostMapping(BASE)
	ResponseEntity<CreatedAccessKeyView> create(Caller caller, @PathVariable String saId, AccountId account) {
		this.guard.check(caller, "iam:CreateAccessKey", IamResources.serviceAccount(account, saId));
		CreatedAccessKey created = this.keys.create(account, saId);
		AccessKey key = created.key();
		record(caller, "CreateAccessKey", key.id(), account, saId);
		return ResponseEntity.status(201)
			.body(new CreatedAccessKeyView(key.id(), saId, created.secretAccessKey(), key.status(), key.createdAt()));
	}

	@GetMapping(BASE)
	Page<AccessKeyView> list(Caller caller, @PathVariable String saId, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken, AccountId account) {
		this.guard.check(caller, "iam:ListAccessKeys", IamResources.serviceAccount(account, saId));
		PageRequest page = PageRequest.of(pageSize, pageToken);
		return Page.ofAll(this.keys.of(account, saId), page, (key) -> Page.timeOrderedKey(key.createdAt(), key.id()),
				AccessKeyView::of);
	}

	@PatchMapping(BASE + "/{accessKeyId}")
	AccessKeyView update(Caller caller, AccountId account, @PathVariable String saId, @PathVariable String accessKeyId,
			@RequestBody(required = false) StatusRequest request) {
		IamResources.existingId(accessKeyId);
		this.guard.check(caller, "iam:UpdateAccessKey", IamResources.serviceAccount(account, saId));
		if (request == null || request.status() == null) {
			throw new InvalidRequestException("status", "is required: \"Active\" or \"Inactive\"");
		}
		AccessKeyStatus status = AccessKeyStatus.of(request.status());
		AccessKey key = this.keys.setStatus(account, saId, accessKeyId, status);
		record(caller, "UpdateAccessKey", key.id() + " " + status.wire(), account, saId);
		return AccessKeyView.of(key);
	}

	@DeleteMapping(BASE + "/{accessKeyId}")
	ResponseEntity<Void> delete(Caller caller, AccountId account, @PathVariable String saId,
			@PathVariable String accessKeyId) {
		IamResources.existingId(accessKeyId);
		this.guard.check(caller, "iam:DeleteAccessKey", IamResources.serviceAccount(account, saId));
		this.keys.delete(account, saId, accessKeyId);
		record(caller, "DeleteAccessKey", accessKeyId, account, saId);
		return ResponseEntity.noContent().build();
	}

	/** Audits a change to an access key of the service account. */
	private void record(Caller caller, String type, String detail, AccountId account, String saId) {
		this.audit.record(caller, type, detail, this.store.get(account, saId).principal().crn());
	}

}
