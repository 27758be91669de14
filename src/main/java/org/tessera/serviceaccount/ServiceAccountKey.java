package org.tessera.serviceaccount;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

/**
 * A public key a service account signs its assertions with ({@code private_key_jwt} and
 * the JWT-bearer grant). Like a Google Cloud service-account key it may expire at
 * {@code expiresAt} and may be disabled and enabled again; either way it signs nothing
 * until usable again.
 */
public record ServiceAccountKey(String id, String serviceAccountId, String algorithm, JWK publicKey, Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable Instant expiresAt, boolean disabled) {

	/** A key that never expires and is enabled. */
	public ServiceAccountKey(String id, String serviceAccountId, String algorithm, JWK publicKey, Instant createdAt,
			@Nullable Instant lastUsedAt) {
		this(id, serviceAccountId, algorithm, publicKey, createdAt, lastUsedAt, null, false);
	}

	/** Whether the key may sign an assertion accepted at {@code now}. */
	public boolean usableAt(Instant now) {
		return !this.disabled && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

	/** The same key with the last use {@code lastUsedAt}. */
	ServiceAccountKey withLastUse(@Nullable Instant lastUsedAt) {
		return new ServiceAccountKey(this.id, this.serviceAccountId, this.algorithm, this.publicKey, this.createdAt,
				lastUsedAt, this.expiresAt, this.disabled);
	}

}
