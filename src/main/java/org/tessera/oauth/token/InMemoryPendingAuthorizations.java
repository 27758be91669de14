package org.tessera.oauth.token;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Pending authorizations in this process's memory, bounded in number, each entry expiring
 * after its own time: for a server that runs as a single node (on H2).
 */
final class InMemoryPendingAuthorizations implements PendingAuthorizations {

	private record Entry(OAuth2Authorization authorization, Duration keep) {
	}

	private final Cache<String, Entry> entries;

	InMemoryPendingAuthorizations(long maximumSize) {
		this.entries = Caffeine.newBuilder().expireAfter(new Expiry<String, Entry>() {

			@Override
			public long expireAfterCreate(String key, Entry entry, long currentTime) {
				return entry.keep().toNanos();
			}

			@Override
			public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
				return entry.keep().toNanos();
			}

			@Override
			public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).maximumSize(maximumSize).build();
	}

	@Override
	public void put(String key, OAuth2Authorization authorization, Duration keep) {
		this.entries.put(key, new Entry(authorization, keep));
	}

	@Override
	public @Nullable OAuth2Authorization get(String key) {
		Entry entry = this.entries.getIfPresent(key);
		return (entry != null) ? entry.authorization() : null;
	}

	@Override
	public void remove(String key) {
		this.entries.invalidate(key);
	}

}
