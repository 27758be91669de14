package org.tessera.oauth.key;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys as last read from the database, in the order they start signing, with
 * a signer made once for each key of the configured algorithm. Which key signs is a
 * matter of time: the one of the configured algorithm activated last by now. A key stops
 * signing when the next key activates, and retires once every token it can have signed
 * has expired; until then it stays published.
 */
final class KeyRing {

	private final List<StoredSigningKey> keys;

	private final SigningAlgorithm algorithm;

	private final Map<String, JWSSigner> signers;

	/**
	 * @param keys in the order they start signing
	 * @param algorithm the algorithm of the keys that sign
	 * @param previous the ring this one replaces, whose signers are reused
	 */
	KeyRing(List<StoredSigningKey> keys, SigningAlgorithm algorithm, @Nullable KeyRing previous) {
		this.keys = List.copyOf(keys);
		this.algorithm = algorithm;
		Map<String, JWSSigner> signers = new HashMap<>();
		for (StoredSigningKey key : keys) {
			if (key.algorithm().equals(algorithm.getName())) {
				JWSSigner known = (previous != null) ? previous.signers.get(key.kid()) : null;
				signers.put(key.kid(), (known != null) ? known : algorithm.signer(key.key()));
			}
		}
		this.signers = Map.copyOf(signers);
	}

	List<StoredSigningKey> keys() {
		return this.keys;
	}

	boolean hasKeyOfItsAlgorithm() {
		return !this.signers.isEmpty();
	}

	/**
	 * The key that signs at {@code now}: of the configured algorithm, the one activated
	 * last; the first to activate if none has yet.
	 */
	StoredSigningKey signingAt(Instant now) {
		StoredSigningKey signing = null;
		StoredSigningKey first = null;
		for (StoredSigningKey key : this.keys) {
			if (!this.signers.containsKey(key.kid())) {
				continue;
			}
			if (first == null) {
				first = key;
			}
			if (!key.activatesAt().isAfter(now)) {
				signing = key;
			}
		}
		if (signing != null) {
			return signing;
		}
		if (first == null) {
			throw new IllegalStateException("no signing key of " + this.algorithm);
		}
		return first;
	}

	/** The signer of a key of the configured algorithm, or null. */
	@Nullable JWSSigner signer(String kid) {
		return this.signers.get(kid);
	}

	/** A key of the configured algorithm published but not signing yet, if any. */
	Optional<StoredSigningKey> pendingAt(Instant now) {
		return this.keys.stream()
			.filter((key) -> this.signers.containsKey(key.kid()) && key.activatesAt().isAfter(now))
			.findFirst();
	}

	/**
	 * Keys no token can need any more: a later key has been signing for longer than
	 * {@code tokenLifetime}, so every token they signed has expired.
	 */
	List<StoredSigningKey> retiredAt(Instant now, Duration tokenLifetime) {
		List<StoredSigningKey> retired = new ArrayList<>();
		for (int i = 0; i < this.keys.size() - 1; i++) {
			Instant replacedAt = this.keys.get(i + 1).activatesAt();
			if (!replacedAt.plus(tokenLifetime).isAfter(now) && !replacedAt.isAfter(now)) {
				retired.add(this.keys.get(i));
			}
		}
		StoredSigningKey signing = this.signers.isEmpty() ? null : signingAt(now);
		retired.removeIf((key) -> signing != null && key.kid().equals(signing.kid()));
		return retired;
	}

	/** Every key still published at {@code now}, private parts included. */
	JWKSet publishedAt(Instant now, Duration tokenLifetime) {
		List<StoredSigningKey> retired = retiredAt(now, tokenLifetime);
		List<JWK> published = new ArrayList<>();
		for (StoredSigningKey key : this.keys) {
			if (!retired.contains(key)) {
				published.add(key.key());
			}
		}
		return new JWKSet(published);
	}

}
