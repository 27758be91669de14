package org.tessera.serviceaccount;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One client secret of a service account as stored: only its keyed hash, never its value.
 */
public record ClientSecret(String id, String serviceAccountId, String hash, Instant createdAt,
		@Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {

	public boolean expiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
