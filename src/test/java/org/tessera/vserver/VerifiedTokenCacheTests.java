package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tessera.enforcement.VerifiedTokenCache;

class VerifiedTokenCacheTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private Instant now = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return VerifiedTokenCacheTests.this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	};

	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("signature does not verify");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.subject("crn:iam:1:root")
			.issuedAt(this.now)
			.expiresAt(this.now.plusSeconds(60))
			.build();
	};

	@Test
	void aTokenReusedBeforeItExpiresIsVerifiedOnce() {
		VerifiedTokenCache cache = cache();

		Authentication first = cache.authenticate(bearer("token-a"));
		Authentication again = cache.authenticate(bearer("token-a"));
		cache.authenticate(bearer("token-a"));

		assertThat(this.verifications).hasValue(1);
		assertThat(again).isSameAs(first);
		assertThat(again.isAuthenticated()).isTrue();
		assertThat(again.getName()).isEqualTo("crn:iam:1:root");
	}

	@Test
	void tokensSharingTheirLast64CharactersAreStillTwoTokens() {
		VerifiedTokenCache cache = cache();
		String signature = "s".repeat(64);

		Authentication first = cache.authenticate(bearer("header.one." + signature));
		Authentication second = cache.authenticate(bearer("header.two." + signature));

		assertThat(this.verifications).hasValue(2);
		assertThat(((JwtAuthenticationToken) first).getToken().getTokenValue()).isEqualTo("header.one." + signature);
		assertThat(((JwtAuthenticationToken) second).getToken().getTokenValue()).isEqualTo("header.two." + signature);
	}

	@Test
	void anExpiredTokenIsVerifiedAgainAndSoRefusedByTheRealVerifier() {
		VerifiedTokenCache cache = cache();
		cache.authenticate(bearer("token-b"));

		this.now = this.now.plusSeconds(61);
		cache.authenticate(bearer("token-b"));

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenThatFailsVerificationIsNeverRemembered() {
		VerifiedTokenCache cache = cache();

		assertThatThrownBy(() -> cache.authenticate(bearer("bad-token")))
			.isInstanceOf(InvalidBearerTokenException.class);
		assertThatThrownBy(() -> cache.authenticate(bearer("bad-token")))
			.isInstanceOf(InvalidBearerTokenException.class);

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenIsRememberedAsLongAsTheVerifiersClockSkewAcceptsIt() {
		VerifiedTokenCache cache = cache(Duration.ofSeconds(30));
		cache.authenticate(bearer("token-c"));

		this.now = this.now.plusSeconds(61);
		cache.authenticate(bearer("token-c"));
		assertThat(this.verifications).hasValue(1);

		this.now = this.now.plusSeconds(30);
		cache.authenticate(bearer("token-c"));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void manyTokensOfManySmallPatternsTogetherHoldNoMoreThanTheBoundAndSmallTokensAreStillRemembered() {
		long bound = 8L * 1024 * 1024;
		JwtDecoder largeClaims = (token) -> {
			this.verifications.incrementAndGet();
			// 20,000 one-character patterns: about 80 KB of token, over a megabyte once
			// parsed
			java.util.List<String> patterns = java.util.Collections.nCopies(20_000, "a")
				.stream()
				.map(String::new)
				.toList();
			return Jwt.withTokenValue(token)
				.header("alg", "ES256")
				.subject("crn:iam:1:root")
				.claim("perms",
						java.util.List.of(java.util.Map.of("effect", "Allow", "actions", patterns, "resources",
								java.util.List.of("*"))))
				.issuedAt(this.now)
				.expiresAt(this.now.plusSeconds(60))
				.build();
		};
		VerifiedTokenCache cache = new VerifiedTokenCache(new JwtAuthenticationProvider(largeClaims), this.clock,
				Duration.ZERO, bound);

		Authentication one = cache.authenticate(bearer("large-0"));
		assertThat(VerifiedTokenCache.weigh((JwtAuthenticationToken) one)).isGreaterThan(1_000_000);
		for (int i = 1; i < 100; i++) {
			cache.authenticate(bearer("large-" + i));
			assertThat(cache.heldBytes()).isLessThanOrEqualTo(bound);
		}
		assertThat(cache.heldBytes()).isGreaterThan(bound / 2);
	}

	private VerifiedTokenCache cache() {
		return cache(Duration.ZERO);
	}

	private VerifiedTokenCache cache(Duration clockSkew) {
		return new VerifiedTokenCache(new JwtAuthenticationProvider(this.verifier), this.clock, clockSkew,
				VerifiedTokenCache.DEFAULT_MAXIMUM_BYTES);
	}

	private static BearerTokenAuthenticationToken bearer(String token) {
		return new BearerTokenAuthenticationToken(token);
	}

}
