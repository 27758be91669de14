package org.tessera.serviceaccount;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When service accounts, secrets and keys last obtained a token, and access keys last
 * signed a request. Getting a token must not write to the database, so uses are kept in
 * memory, merged into every read at once, and flushed every few seconds
 * ({@code tessera.service-accounts.last-use-flush}) and at shutdown: a crash loses at
 * most the last interval's last-use times, nothing else. What a flush wrote stays in
 * memory until the next flush, so a read that fetched its row just before the write still
 * finds the time it would otherwise miss.
 */
@Component
public class LastUse implements CredentialUses {

	private final ServiceAccountRepository repository;

	private final Map<String, Instant> serviceAccounts = new ConcurrentHashMap<>();

	private final Map<String, Instant> secrets = new ConcurrentHashMap<>();

	private final Map<String, Instant> keys = new ConcurrentHashMap<>();

	private final Map<String, Instant> flushedServiceAccounts = new ConcurrentHashMap<>();

	private final Map<String, Instant> flushedSecrets = new ConcurrentHashMap<>();

	private final Map<String, Instant> flushedKeys = new ConcurrentHashMap<>();

	private final Map<String, Instant> accessKeys = new ConcurrentHashMap<>();

	private final Map<String, Instant> flushedAccessKeys = new ConcurrentHashMap<>();

	LastUse(ServiceAccountRepository repository) {
		this.repository = repository;
	}

	@Override
	public void secretUsed(String serviceAccountId, String secretId, Instant at) {
		this.serviceAccounts.merge(serviceAccountId, at, LastUse::later);
		this.secrets.merge(secretId, at, LastUse::later);
	}

	@Override
	public void keyUsed(String serviceAccountId, String keyId, Instant at) {
		this.serviceAccounts.merge(serviceAccountId, at, LastUse::later);
		this.keys.merge(keyId, at, LastUse::later);
	}

	/** The access key of the service account signed a request at {@code at}. */
	void accessKeyUsed(String serviceAccountId, String accessKeyId, Instant at) {
		this.serviceAccounts.merge(serviceAccountId, at, LastUse::later);
		this.accessKeys.merge(accessKeyId, at, LastUse::later);
	}

	@Nullable Instant serviceAccount(String id, @Nullable Instant stored) {
		return later(stored, later(this.serviceAccounts.get(id), this.flushedServiceAccounts.get(id)));
	}

	@Nullable Instant secret(String id, @Nullable Instant stored) {
		return later(stored, later(this.secrets.get(id), this.flushedSecrets.get(id)));
	}

	@Nullable Instant key(String id, @Nullable Instant stored) {
		return later(stored, later(this.keys.get(id), this.flushedKeys.get(id)));
	}

	@Nullable Instant accessKey(String id, @Nullable Instant stored) {
		return later(stored, later(this.accessKeys.get(id), this.flushedAccessKeys.get(id)));
	}

	@Scheduled(fixedDelayString = "${tessera.service-accounts.last-use-flush:PT5S}")
	@PreDestroy
	public void flush() {
		flush(this.serviceAccounts, this.flushedServiceAccounts, "service_account");
		flush(this.secrets, this.flushedSecrets, "service_account_secret");
		flush(this.keys, this.flushedKeys, "service_account_key");
		flush(this.accessKeys, this.flushedAccessKeys, "service_account_access_key");
	}

	/**
	 * What the previous flush wrote has been readable from the database for a whole
	 * interval: forgotten now.
	 */
	private void flush(Map<String, Instant> pending, Map<String, Instant> flushed, String table) {
		flushed.clear();
		pending.forEach((id, at) -> {
			this.repository.recordUse(table, id, at);
			flushed.merge(id, at, LastUse::later);
			pending.remove(id, at);
		});
	}

	private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

}
