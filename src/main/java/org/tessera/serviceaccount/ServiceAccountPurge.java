package org.tessera.serviceaccount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.TesseraProperties;
import org.tessera.accountpolicy.AccountPolicyService;

/**
 * Removes for good the service accounts deleted longer ago than
 * {@code tessera.service-accounts.undelete-retention}, with their secrets, keys, trust
 * and policy attachments. A purge and an undelete of the same service account never both
 * go ahead: the one that locks its row first wins, and the other finds nothing to do.
 */
@Service
class ServiceAccountPurge {

	private final ServiceAccountRepository repository;

	private final ServiceAccountStore store;

	private final AccountPolicyService policies;

	private final Clock clock;

	private final Duration retention;

	ServiceAccountPurge(ServiceAccountRepository repository, ServiceAccountStore store, AccountPolicyService policies,
			Clock clock, TesseraProperties properties) {
		this.repository = repository;
		this.store = store;
		this.policies = policies;
		this.clock = clock;
		this.retention = properties.serviceAccounts().undeleteRetention();
	}

	/**
	 * Purges service accounts deleted longer ago than the retention period; returns what
	 * went.
	 */
	@Transactional
	public List<ServiceAccount> purgeExpired() {
		return purge(dueForPurge());
	}

	/** The service accounts deleted longer ago than the retention period. */
	List<ServiceAccount> dueForPurge() {
		return this.repository.deletedBefore(cutoff());
	}

	/**
	 * Purges those of {@code due} that are still deleted and past the retention period,
	 * with their policy attachments: one undeleted since {@code due} was read keeps
	 * everything. Returns what went.
	 */
	@Transactional
	List<ServiceAccount> purge(List<ServiceAccount> due) {
		Instant cutoff = cutoff();
		List<ServiceAccount> purged = new ArrayList<>();
		for (ServiceAccount sa : due) {
			if (this.repository.purge(sa.id(), cutoff)) {
				this.policies.detachAll(sa.principal());
				this.store.forget(sa.id());
				purged.add(sa);
			}
		}
		return purged;
	}

	private Instant cutoff() {
		return this.clock.instant().minus(this.retention);
	}

}
