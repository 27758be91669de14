package org.tessera.enforcement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The resource server's authentication manager: it remembers the authentication of each
 * bearer token that passed full verification until the token expires (at most five
 * minutes), so a client reusing its token, as clients do for its whole lifetime, costs
 * one signature check and one claims conversion rather than one per request: they were
 * most of a resource server's CPU
 * (src/site/markdown/decisions/0010-vserver-per-request-work.md). Failures are never
 * cached. Bounded in size; a token that left the cache is verified again. A token expires
 * here when the verifier starts refusing it, at {@code exp} plus the verifier's clock
 * skew, so the cache never accepts a token the verifier would refuse, nor the reverse.
 * The remembered authentication carries no request details (such as the remote address),
 * since it serves every request that presents the same token. The cache's upkeep runs on
 * the request's own thread rather than being handed to the common fork-join pool, whose
 * thread woke every few reads
 * (src/site/markdown/decisions/0006-vserver-cache-upkeep-on-request-thread.md).
 * <p>
 * Bounded by weight, not by count: a token of many small policy patterns parses into far
 * more memory than its length, so each entry weighs what its token and parsed claims take
 * on the heap ({@link #weigh}, an estimate made once when the entry is stored, never on a
 * read), and all entries together at most the {@code maximumBytes} given, by default
 * {@link #DEFAULT_MAXIMUM_BYTES}
 * ({@code tessera.enforcement.verified-tokens-maximum-size}).
 */
public final class VerifiedTokenCache implements AuthenticationManager {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	/** The default bound on the heap its verified tokens take: 32 MiB. */
	public static final long DEFAULT_MAXIMUM_BYTES = 32L * 1024 * 1024;

	/**
	 * What an entry weighs besides its token's text and claims: the authentication, its
	 * authorities, the Jwt.
	 */
	private static final int ENTRY_OVERHEAD_BYTES = 1024;

	/**
	 * A String object and its array's header, besides the characters themselves (one byte
	 * each, compact).
	 */
	private static final int STRING_OVERHEAD_BYTES = 56;

	/** A map entry or list slot and the container's share of it, or a boxed value. */
	private static final int ELEMENT_OVERHEAD_BYTES = 48;

	private final AuthenticationProvider verifier;

	private final Clock clock;

	private final Duration clockSkew;

	private final Cache<TokenKey, AbstractOAuth2TokenAuthenticationToken<?>> verified;

	/**
	 * @param verifier checks a {@link BearerTokenAuthenticationToken} in full and answers
	 * an authentication of its token, e.g. Spring's {@code JwtAuthenticationProvider}
	 * @param clockSkew how long after its {@code exp} the verifier still accepts a token
	 * @param maximumBytes the bound on what all entries together weigh ({@link #weigh})
	 */
	public VerifiedTokenCache(AuthenticationProvider verifier, Clock clock, Duration clockSkew, long maximumBytes) {
		this.verifier = verifier;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.verified = Caffeine.newBuilder()
			.maximumWeight(maximumBytes)
			.weigher((TokenKey key, AbstractOAuth2TokenAuthenticationToken<?> authentication) -> weigh(authentication))
			.expireAfter(new UntilExpiry())
			.executor(Runnable::run)
			.build();
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		String token = ((BearerTokenAuthenticationToken) request).getToken();
		TokenKey key = new TokenKey(token);
		AbstractOAuth2TokenAuthenticationToken<?> cached = this.verified.getIfPresent(key);
		if (cached != null && this.clock.instant().isBefore(usableUntil(cached))) {
			return cached;
		}
		Authentication result = this.verifier.authenticate(new BearerTokenAuthenticationToken(token));
		if (result instanceof AbstractOAuth2TokenAuthenticationToken<?> authenticated
				&& authenticated.getToken().getExpiresAt() != null) {
			this.verified.put(key, authenticated);
		}
		return result;
	}

	/**
	 * What the entries held now weigh together, in bytes ({@link #weigh}); at most the
	 * bound given.
	 */
	public long heldBytes() {
		this.verified.cleanUp();
		return this.verified.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0)).orElse(0L);
	}

	/**
	 * An estimate of the heap an entry holds, in bytes: its token's text once (key and
	 * Jwt share it), every string, list element and map entry of its claims and headers
	 * with the JVM's overhead for each, and a fixed part. A claim of many one-character
	 * patterns weighs about ten times its share of the token's length.
	 */
	public static int weigh(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
		long bytes = ENTRY_OVERHEAD_BYTES + STRING_OVERHEAD_BYTES
				+ (long) authentication.getToken().getTokenValue().length();
		if (authentication.getToken() instanceof Jwt jwt) {
			bytes += weighValue(jwt.getClaims()) + weighValue(jwt.getHeaders());
		}
		bytes += (long) authentication.getAuthorities().size() * (ELEMENT_OVERHEAD_BYTES + STRING_OVERHEAD_BYTES);
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	private static long weighValue(Object value) {
		if (value instanceof String text) {
			return STRING_OVERHEAD_BYTES + text.length();
		}
		long bytes = ELEMENT_OVERHEAD_BYTES;
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				bytes += ELEMENT_OVERHEAD_BYTES + weighValue(entry.getKey()) + weighValue(entry.getValue());
			}
		}
		else if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				bytes += weighValue(element);
			}
		}
		return bytes;
	}

	/**
	 * The instant from which the verifier refuses the token: its {@code exp} plus the
	 * clock skew.
	 */
	private Instant usableUntil(AbstractOAuth2TokenAuthenticationToken<?> authentication) {
		return authentication.getToken().getExpiresAt().plus(this.clockSkew);
	}

	/**
	 * A token as a cache key, hashed by its last 64 characters (in a JWT, its signature)
	 * rather than all 700 or more: hashing the whole token was 3% of an authorised
	 * request. Equality still compares the whole token, and only verified tokens are ever
	 * stored, so nobody can fill a hash bucket with tokens of one made-up signature.
	 */
	private record TokenKey(String token) {

		private static final int HASHED_CHARACTERS = 64;

		@Override
		public int hashCode() {
			int hash = 0;
			for (int i = Math.max(0, this.token.length() - HASHED_CHARACTERS); i < this.token.length(); i++) {
				hash = 31 * hash + this.token.charAt(i);
			}
			return hash;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TokenKey key && this.token.equals(key.token);
		}

	}

	/**
	 * Each entry lives until its token's {@code exp} plus the clock skew, and never
	 * longer than {@link #MAX_AGE}.
	 */
	private final class UntilExpiry implements Expiry<TokenKey, AbstractOAuth2TokenAuthenticationToken<?>> {

		@Override
		public long expireAfterCreate(TokenKey key, AbstractOAuth2TokenAuthenticationToken<?> authentication,
				long currentTime) {
			Duration left = Duration.between(VerifiedTokenCache.this.clock.instant(), usableUntil(authentication));
			return left.isNegative() ? 0 : ((left.compareTo(MAX_AGE) < 0) ? left : MAX_AGE).toNanos();
		}

		@Override
		public long expireAfterUpdate(TokenKey key, AbstractOAuth2TokenAuthenticationToken<?> authentication,
				long currentTime, long currentDuration) {
			return expireAfterCreate(key, authentication, currentTime);
		}

		@Override
		public long expireAfterRead(TokenKey key, AbstractOAuth2TokenAuthenticationToken<?> authentication,
				long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
