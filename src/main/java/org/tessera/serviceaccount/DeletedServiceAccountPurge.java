package org.tessera.serviceaccount;

import java.time.Clock;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.cluster.ClusterLock;
import org.tessera.audit.AuditEvent;
import org.tessera.audit.AuditLog;

/**
 * Purges service accounts deleted longer ago than
 * {@code tessera.service-accounts.undelete-retention}, hourly and once shortly after
 * start, by one node at a time; each purge is audited.
 */
@Component
class DeletedServiceAccountPurge {

	private final ServiceAccountPurge purge;

	private final AuditLog audit;

	private final Clock clock;

	private final ClusterLock lock;

	DeletedServiceAccountPurge(ServiceAccountPurge purge, AuditLog audit, Clock clock, ClusterLock lock) {
		this.purge = purge;
		this.audit = audit;
		this.clock = clock;
		this.lock = lock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	void scheduledPurge() {
		this.lock.runAlone("purge-deleted-service-accounts", this::purge);
	}

	void purge() {
		for (ServiceAccount sa : this.purge.purgeExpired()) {
			this.audit.record(new AuditEvent(0, this.clock.instant(), "PurgeServiceAccount", AuditEvent.ALLOWED,
					"undelete retention elapsed", null, null, List.of(), sa.principal().crn().toString(),
					sa.account().value(), null));
		}
	}

}
