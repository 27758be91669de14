package org.tessera.serviceaccount;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.TesseraProperties;
import org.tessera.access.AccessGuard;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.account.AccountId;
import org.tessera.audit.ChangeAudit;
import org.tessera.iam.InvalidRequestException;
import org.tessera.iam.NotFoundException;
import org.tessera.web.Page;
import org.tessera.web.PageRequest;
import tools.jackson.databind.JsonNode;

/**
 * Public keys of a service account under
 * {@code /iam/v1/accounts/{acct}/service-accounts/{saId}/keys}: a generated key's private
 * half is answered once, when it is created, and never stored. The answer to a creation
 * is a key file, like Google Cloud's: with the client id and the token endpoint it is all
 * a program needs for the JWT-bearer grant. A key may be disabled and enabled again
 * ({@code PATCH} with {@code {"disabled": true|false}}).
 */
@RestController
class ServiceAccountKeyController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts/{saId}/keys";

	private final ServiceAccountKeys keys;

	private final ServiceAccountStore store;

	private final AccessGuard guard;

	private final ChangeAudit audit;

	private final String tokenUri;

	ServiceAccountKeyController(ServiceAccountKeys keys, ServiceAccountStore store, AccessGuard guard,
			ChangeAudit audit, TesseraProperties properties, AuthorizationServerSettings settings) {
		this.keys = keys;
		this.store = store;
		this.guard = guard;
		this.audit = audit;
		this.tokenUri = properties.issuer() + settings.getTokenEndpoint();
	}

	record KeyRequest(String algorithm, String publicKeyPem, Instant expiresAt) {
	}

	/**
	 * The one change a key takes, {@code {"disabled": true|false}}: anything else
	 * (another field, a missing value, a string or number for it) is refused.
	 */
	private static boolean disabledOf(@Nullable JsonNode change) {
		if (change == null || !change.isObject()) {
			throw new InvalidRequestException("body", "must be {\"disabled\": true} or {\"disabled\": false}");
		}
		for (String field : change.propertyNames()) {
			if (!"disabled".equals(field)) {
				throw new InvalidRequestException(field, "unknown field");
			}
		}
		JsonNode disabled = change.get("disabled");
		if (disabled == null || !disabled.isBoolean()) {
			throw new InvalidRequestException("disabled", "is required, true or false");
		}
		return disabled.booleanValue();
	}

	/** {@code expiresAt} is null for a key that works until it is deleted. */
	record KeyView(String keyId, String saId, String algorithm, Map<String, Object> publicKey, Instant createdAt,
			Instant expiresAt, Instant lastUsedAt, boolean disabled) {

		static KeyView of(ServiceAccountKey key) {
			return new KeyView(key.id(), key.serviceAccountId(), key.algorithm(), key.publicKey().toJSONObject(),
					key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.disabled());
		}

	}

	/**
	 * The key file: {@code clientId} and {@code tokenUri} say whom the key signs for and
	 * where to send the assertion.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreatedKeyView(String keyId, String saId, String clientId, String tokenUri, String algorithm,
			Map<String, Object> publicKey, String privateKeyPem, Instant createdAt, Instant expiresAt) {
	}

	@PostMapping(BASE)
	ResponseEntity<CreatedKeyView> create(Caller caller, @PathVariable String saId,
			@RequestBody(required = false) KeyRequest request, AccountId account) {
		this.guard.check(caller, "iam:CreateServiceAccountKey", IamResources.serviceAccount(account, saId));
		ServiceAccountKeys.CreatedKey created = this.keys.create(account, saId,
				(request != null) ? request.algorithm() : null, (request != null) ? request.publicKeyPem() : null,
				(request != null) ? request.expiresAt() : null);
		ServiceAccountKey key = created.key();
		record(caller, "CreateServiceAccountKey", key.id(), this.store.get(account, saId));
		return ResponseEntity.status(201)
			.body(new CreatedKeyView(key.id(), saId, saId, this.tokenUri, key.algorithm(),
					key.publicKey().toJSONObject(), created.privateKeyPem(), key.createdAt(), key.expiresAt()));
	}

	@PatchMapping(BASE + "/{keyId}")
	KeyView change(Caller caller, AccountId account, @PathVariable String saId, @PathVariable String keyId,
			@RequestBody(required = false) JsonNode change) {
		IamResources.existingId(keyId);
		boolean disable = disabledOf(change);
		this.guard.check(caller, disable ? "iam:DisableServiceAccountKey" : "iam:EnableServiceAccountKey",
				IamResources.serviceAccount(account, saId));
		this.keys.setDisabled(account, saId, keyId, disable);
		record(caller, disable ? "DisableServiceAccountKey" : "EnableServiceAccountKey", keyId,
				this.store.get(account, saId));
		return this.keys.of(account, saId)
			.stream()
			.filter((key) -> key.id().equals(keyId))
			.findFirst()
			.map(KeyView::of)
			.orElseThrow(() -> new NotFoundException("no key " + keyId));
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
