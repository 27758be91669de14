package org.tessera.serviceaccount;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;
import org.tessera.AfterCommit;
import org.tessera.cluster.ClusterChannel;
import org.tessera.cluster.ClusterListener;
import org.tessera.account.AccountId;
import org.tessera.web.IfMatch;
import org.tessera.iam.NotFoundException;

/**
 * The one place service accounts are read and locked: the token side's cached reads (the
 * {@link ServiceAccountDirectory}), the management side's reads of an account's own
 * service accounts, and the per-service-account row lock every change takes, which drops
 * what the caches hold of it once the change commits, so no reader can put the old value
 * back: on this node, and through the cluster channel on every other.
 */
@Component
class ServiceAccountStore implements ServiceAccountDirectory, ClusterListener {

	/** The topic of changes to a service account, its secrets or its keys. */
	static final String TOPIC = "service-account";

	private final ServiceAccountRepository repository;

	private final LastUse lastUse;

	/**
	 * What the token endpoint reads for every token (the service account, its secrets,
	 * its keys), cached so that issuing a token reads nothing from the database.
	 */
	private final Cache<String, ServiceAccount> cache = tokenSideCache("service-accounts");

	private final Cache<String, List<ClientSecret>> secretCache = tokenSideCache("service-account-secrets");

	private final Cache<String, List<ServiceAccountKey>> keyCache = tokenSideCache("service-account-keys");

	private final ClusterChannel cluster;

	ServiceAccountStore(ServiceAccountRepository repository, LastUse lastUse, ClusterChannel cluster) {
		this.repository = repository;
		this.lastUse = lastUse;
		this.cluster = cluster;
	}

	@Override
	public Optional<ServiceAccount> find(String saId) {
		return Optional.ofNullable(this.cache.get(saId, (id) -> this.repository.find(id).orElse(null)))
			.map(this::withLastUse);
	}

	@Override
	public List<ClientSecret> secretsOf(String saId) {
		return this.secretCache.get(saId, this.repository::secretsOf)
			.stream()
			.map((s) -> new ClientSecret(s.id(), s.serviceAccountId(), s.hash(), s.createdAt(), s.expiresAt(),
					this.lastUse.secret(s.id(), s.lastUsedAt())))
			.toList();
	}

	@Override
	public List<ServiceAccountKey> keysOf(String saId) {
		return this.keyCache.get(saId, this.repository::keysOf)
			.stream()
			.map((k) -> k.withLastUse(this.lastUse.key(k.id(), k.lastUsedAt())))
			.toList();
	}

	/**
	 * A live (not deleted) service account of the account, read from the database, or
	 * 404.
	 */
	ServiceAccount get(AccountId account, String saId) {
		return owned(account, saId, false);
	}

	/**
	 * The live service account, its row locked until the transaction ends (so changes to
	 * it go one at a time), or 404. What the token side cached of it is dropped once the
	 * change commits.
	 */
	ServiceAccount locked(AccountId account, String saId) {
		return lock(account, saId, false);
	}

	/**
	 * {@link #locked(AccountId, String)}, refused with 412 unless {@code ifMatch} lets
	 * its current version through.
	 */
	ServiceAccount locked(AccountId account, String saId, IfMatch ifMatch) {
		ServiceAccount sa = lock(account, saId, false);
		ifMatch.requireCurrent(sa.etag());
		return sa;
	}

	/**
	 * {@link #locked(AccountId, String)}, deleted or not: an undelete takes it, so that
	 * an undelete and the purge never both go ahead.
	 */
	ServiceAccount lockedEvenIfDeleted(AccountId account, String saId) {
		return lock(account, saId, true);
	}

	/**
	 * Drops what the token side cached of {@code saId} once the current transaction
	 * commits, here and on the other nodes.
	 */
	void forget(String saId) {
		AfterCommit.run(() -> drop(saId));
		this.cluster.publish(TOPIC, saId);
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	/** Another node changed the service account: what this node cached of it goes. */
	@Override
	public void changed(String saId) {
		drop(saId);
	}

	@Override
	public void resynchronize() {
		this.cache.invalidateAll();
		this.secretCache.invalidateAll();
		this.keyCache.invalidateAll();
	}

	private void drop(String saId) {
		this.cache.invalidate(saId);
		this.secretCache.invalidate(saId);
		this.keyCache.invalidate(saId);
	}

	/**
	 * The service account with its last use as recorded in memory, newer than the
	 * database's until a flush.
	 */
	ServiceAccount withLastUse(ServiceAccount sa) {
		return new ServiceAccount(sa.id(), sa.account(), sa.name(), sa.description(), sa.enabled(), sa.deletedAt(),
				sa.createdAt(), this.lastUse.serviceAccount(sa.id(), sa.lastUsedAt()), sa.trust(), sa.version(),
				sa.lastDeactivatedAt(), sa.maxSessionDuration());
	}

	private ServiceAccount lock(AccountId account, String saId, boolean orDeleted) {
		owned(account, saId, orDeleted);
		if (!this.repository.lockForUpdate(saId)) {
			throw notFound(saId);
		}
		forget(saId);
		return owned(account, saId, orDeleted);
	}

	private ServiceAccount owned(AccountId account, String saId, boolean orDeleted) {
		return this.repository.find(saId)
			.map(this::withLastUse)
			.filter((sa) -> sa.account().equals(account) && (orDeleted || !sa.deleted()))
			.orElseThrow(() -> notFound(saId));
	}

	private static NotFoundException notFound(String saId) {
		return new NotFoundException("no service account " + saId);
	}

	/** A cache whose hits and misses are published as {@code cache.gets} of this name. */
	private static <V> Cache<String, V> tokenSideCache(String name) {
		Cache<String, V> cache = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(Duration.ofMinutes(10))
			.recordStats()
			.build();
		return CaffeineCacheMetrics.monitor(Metrics.globalRegistry, cache, name);
	}

}
