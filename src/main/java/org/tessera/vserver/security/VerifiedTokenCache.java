package org.tessera.vserver.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed full verification until they expire (at most five minutes), so
 * a client reusing its token, as clients do for its whole lifetime, costs one signature check
 * rather than one per request: ECDSA verification is most of a resource server's CPU. Failures
 * are never cached. Bounded in size; a token that left the cache is simply verified again.
 */
public final class VerifiedTokenCache implements JwtDecoder {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final JwtDecoder decoder;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	public VerifiedTokenCache(JwtDecoder decoder, Clock clock, long maximumSize) {
		this.decoder = decoder;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new UntilExpiry()).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.verified.getIfPresent(token);
		if (cached != null && cached.getExpiresAt() != null && this.clock.instant().isBefore(cached.getExpiresAt())) {
			return cached;
		}
		Jwt jwt = this.decoder.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

	/** Each entry lives until its token's {@code exp}, and never longer than {@link #MAX_AGE}. */
	private final class UntilExpiry implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
			Instant expiresAt = (jwt.getExpiresAt() != null) ? jwt.getExpiresAt() : Instant.MIN;
			Duration left = Duration.between(VerifiedTokenCache.this.clock.instant(), expiresAt);
			return Math.max(0, Math.min(left.toNanos(), MAX_AGE.toNanos()));
		}

		@Override
		public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(token, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
