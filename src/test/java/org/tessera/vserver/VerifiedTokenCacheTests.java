package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.tessera.vserver.security.VerifiedTokenCache;

class VerifiedTokenCacheTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private Instant now = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return VerifiedTokenCacheTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("signature does not verify");
		}
		return Jwt.withTokenValue(token).header("alg", "ES256").subject("crn:iam:1:root")
			.issuedAt(this.now).expiresAt(this.now.plusSeconds(60)).build();
	};

	@Test
	void aTokenReusedBeforeItExpiresIsVerifiedOnce() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, this.clock, 100);

		cache.decode("token-a");
		cache.decode("token-a");
		cache.decode("token-a");

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void anExpiredTokenIsVerifiedAgainAndSoRefusedByTheRealVerifier() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, this.clock, 100);
		cache.decode("token-b");

		this.now = this.now.plusSeconds(61);
		cache.decode("token-b");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenThatFailsVerificationIsNeverRemembered() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, this.clock, 100);

		assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);

		assertThat(this.verifications).hasValue(2);
	}

}
