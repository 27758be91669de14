package org.tessera.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One audited decision, as an account reading its log sees it (the target's account sees
 * the real reason; the caller's side may see a {@link CallerView} instead). Holds names
 * and reasons, never a token or a secret.
 *
 * @param id the event's sequence number, assigned when recorded (0 before)
 * @param time when it happened
 * @param type what was attempted, e.g. {@code ImpersonateServiceAccount}
 * @param decision {@code ALLOWED} or {@code DENIED}
 * @param reason the real reason, e.g. {@code not_trusted}
 * @param actor CRN of the principal that acted, if known
 * @param actorAccount that principal's account, if known
 * @param actorChain CRNs of the principals the actor itself acted for, innermost last
 * @param target what was acted on, as named by the request
 * @param targetAccount the account that owns the target, if known
 * @param clientId the OAuth2 client that made the request
 * @param displayName the name the caller gave the session, for an impersonation that was
 * given one ({@code display_name} of the token exchange, the token's claim of that name)
 */
public record AuditEvent(long id, Instant time, String type, String decision, String reason, @Nullable String actor,
		@Nullable String actorAccount, List<String> actorChain, @Nullable String target, @Nullable String targetAccount,
		@Nullable String clientId, @Nullable String displayName) {

	public static final String ALLOWED = "ALLOWED";

	public static final String DENIED = "DENIED";

	public AuditEvent {
		actorChain = List.copyOf(actorChain);
	}

	/** An event of a session without a display name. */
	public AuditEvent(long id, Instant time, String type, String decision, String reason, @Nullable String actor,
			@Nullable String actorAccount, List<String> actorChain, @Nullable String target,
			@Nullable String targetAccount, @Nullable String clientId) {
		this(id, time, type, decision, reason, actor, actorAccount, actorChain, target, targetAccount, clientId, null);
	}

	/** This event, of a session given that display name. */
	public AuditEvent withDisplayName(String name) {
		return new AuditEvent(this.id, this.time, this.type, this.decision, this.reason, this.actor, this.actorAccount,
				this.actorChain, this.target, this.targetAccount, this.clientId, name);
	}

	/**
	 * A change made through the management API: always allowed (refusals are 403s, not
	 * changes); {@code detail} names what changed inside the target, e.g. the policy
	 * attached; {@code actorChain} the principals the actor acted for, outermost first.
	 */
	public static AuditEvent change(Instant time, String type, String detail, String actor, String actorAccount,
			List<String> actorChain, String target, String targetAccount) {
		return new AuditEvent(0, time, type, ALLOWED, detail, actor, actorAccount, actorChain, target, targetAccount,
				null);
	}

}
