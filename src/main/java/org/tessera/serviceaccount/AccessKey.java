package org.tessera.serviceaccount;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A static access key of a service account, for APIs that authenticate each request by a
 * signature (S3's Signature Version 4) instead of a bearer token: it acts as the service
 * account, with its current policies. Holds no secret.
 */
public record AccessKey(String id, String serviceAccountId, AccessKeyStatus status, Instant createdAt,
		@Nullable Instant lastUsedAt) {

	/** Whether requests it signs are authenticated. */
	public boolean active() {
		return this.status == AccessKeyStatus.ACTIVE;
	}

}
