package org.tessera.accountpolicy;

import java.time.Instant;

import org.tessera.account.AccountId;
import org.tessera.policy.PolicyDocument;

/** An account policy as stored, with its timestamps. */
public record StoredPolicy(AccountId account, PolicyDocument document, Instant createdAt, Instant updatedAt) {
}
