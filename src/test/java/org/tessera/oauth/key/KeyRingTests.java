package org.tessera.oauth.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which key signs, which are published and which retire, as time goes by: a new key signs
 * from its activation on, and the key it replaced stays published until every token it
 * signed has expired.
 */
class KeyRingTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration LIFETIME = Duration.ofMinutes(61);

	private final StoredSigningKey first = key(T0, T0);

	private final StoredSigningKey second = key(T0.plus(Duration.ofDays(30)),
			T0.plus(Duration.ofDays(30)).plusSeconds(600));

	private final KeyRing ring = new KeyRing(List.of(this.first, this.second), SigningAlgorithm.ES256, null);

	@Test
	void aNewKeyIsPublishedAtOnceButSignsOnlyFromItsActivation() {
		Instant published = this.second.createdAt().plusSeconds(1);
		assertThat(this.ring.signingAt(published).kid()).isEqualTo(this.first.kid());
		assertThat(this.ring.pendingAt(published)).contains(this.second);
		assertThat(kids(this.ring.publishedAt(published, LIFETIME))).containsExactly(this.first.kid(),
				this.second.kid());

		Instant activated = this.second.activatesAt();
		assertThat(this.ring.signingAt(activated).kid()).isEqualTo(this.second.kid());
		assertThat(this.ring.pendingAt(activated)).isEmpty();
	}

	@Test
	void theReplacedKeyStaysPublishedUntilItsLastTokenExpiredThenRetires() {
		Instant stillNeeded = this.second.activatesAt().plus(LIFETIME).minusSeconds(1);
		assertThat(this.ring.retiredAt(stillNeeded, LIFETIME)).isEmpty();
		assertThat(kids(this.ring.publishedAt(stillNeeded, LIFETIME))).contains(this.first.kid());

		Instant expired = this.second.activatesAt().plus(LIFETIME);
		assertThat(this.ring.retiredAt(expired, LIFETIME)).containsExactly(this.first);
		assertThat(kids(this.ring.publishedAt(expired, LIFETIME))).containsExactly(this.second.kid());
	}

	@Test
	void theSigningKeyNeverRetires() {
		Instant muchLater = T0.plus(Duration.ofDays(365));
		assertThat(this.ring.retiredAt(muchLater, LIFETIME)).doesNotContain(this.second);
		assertThat(this.ring.signingAt(muchLater).kid()).isEqualTo(this.second.kid());
	}

	@Test
	void aSignerIsMadeOncePerKeyAndReusedByTheNextRing() {
		KeyRing next = new KeyRing(List.of(this.first, this.second), SigningAlgorithm.ES256, this.ring);
		assertThat(next.signer(this.first.kid())).isSameAs(this.ring.signer(this.first.kid()));
		assertThat(next.signer("unknown")).isNull();
	}

	private static StoredSigningKey key(Instant createdAt, Instant activatesAt) {
		return new StoredSigningKey(SigningAlgorithm.ES256.generateKey(), "ES256", createdAt, activatesAt);
	}

	private static List<String> kids(com.nimbusds.jose.jwk.JWKSet set) {
		return set.getKeys().stream().map(com.nimbusds.jose.jwk.JWK::getKeyID).toList();
	}

}
