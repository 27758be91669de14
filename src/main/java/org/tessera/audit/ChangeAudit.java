package org.tessera.audit;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.tessera.access.Caller;
import org.tessera.policy.Crn;

/**
 * Audits a change made through the management API: the caller changed the object a CRN
 * names, in the CRN's account. The event names the caller's whole {@code act} chain, and
 * the caller's account, the target's and the account of every actor in the chain see it.
 */
@Component
public class ChangeAudit {

	private final AuditLog log;

	private final Clock clock;

	public ChangeAudit(AuditLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	/**
	 * Records the change; {@code detail} names what changed inside the target (a policy
	 * attached), or "ok".
	 */
	public void record(Caller caller, String type, String detail, Crn target) {
		AuditEvent change = AuditEvent.change(this.clock.instant(), type, detail, caller.crn(),
				caller.principal().account().value(), caller.actorCrns(), target.toString(), target.account());
		this.log.record((caller.displayName() == null) ? change : change.withDisplayName(caller.displayName()));
	}

}
