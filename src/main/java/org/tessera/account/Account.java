package org.tessera.account;

import java.time.Instant;

/** A root user account as stored: the tenant every other IAM object belongs to. */
public record Account(AccountId id, String email, String passwordHash, Instant createdAt) {
}
