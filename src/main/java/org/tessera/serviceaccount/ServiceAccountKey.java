package org.tessera.serviceaccount;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;

/**
 * A public key a service account signs client assertions with ({@code private_key_jwt}).
 */
public record ServiceAccountKey(String id, String serviceAccountId, String algorithm, JWK publicKey, Instant createdAt,
		@Nullable Instant lastUsedAt) {
}
