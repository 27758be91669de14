package org.tessera.serviceaccount;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.account.AccountId;
import org.tessera.iam.ConflictException;
import org.tessera.iam.InvalidRequestException;
import org.tessera.iam.NotFoundException;

/**
 * The public keys a service account signs its client assertions with: a generated pair,
 * whose private half is shown once and never stored, or an uploaded public key; listing;
 * an optional expiry and a disabled state (as Google Cloud's keys have), a disabled or
 * expired key signing nothing; deletion, after which a key stops working at once. Every
 * change drops the token side's cached keys once it commits, on every node.
 */
@Service
public class ServiceAccountKeys {

	/** Most keys one service account may hold at once. */
	public static final int MAX_KEYS = 10;

	/** The latest expiry a key may have, as SQL timestamps go. */
	private static final Instant LATEST_KEY_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private final ServiceAccountRepository repository;

	private final ServiceAccountStore store;

	private final Clock clock;

	ServiceAccountKeys(ServiceAccountRepository repository, ServiceAccountStore store, Clock clock) {
		this.repository = repository;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * A generated or uploaded key; {@code privateKeyPem} only when generated, shown this
	 * once.
	 */
	public record CreatedKey(ServiceAccountKey key, @Nullable String privateKeyPem) {

		@Override
		public String toString() {
			return "CreatedKey[" + this.key.id() + ", private=<hidden>]";
		}

	}

	/** The keys of a live service account of the account, with their last use, or 404. */
	public List<ServiceAccountKey> of(AccountId account, String saId) {
		this.store.get(account, saId);
		return this.store.keysOf(saId);
	}

	/**
	 * Generates a key pair (algorithm ES256, RS256 or PS256) or, given
	 * {@code publicKeyPem}, registers that key (an RSA key as RS256 unless
	 * {@code algorithm} says PS256); it expires at {@code expiresAt}, or never.
	 */
	@Transactional
	public CreatedKey create(AccountId account, String saId, @Nullable String algorithm, @Nullable String publicKeyPem,
			@Nullable Instant expiresAt) {
		Instant now = this.clock.instant();
		checkExpiry(expiresAt, now);
		// as precise as the database keeps it, so that the answer and every later read
		// agree
		Instant expiry = (expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null;
		this.store.locked(account, saId);
		if (this.repository.keysOf(saId).size() >= MAX_KEYS) {
			throw new ConflictException("a service account holds at most " + MAX_KEYS + " keys; delete one first");
		}
		String keyId = RandomIds.newId("key-", 20);
		CreatedKey created;
		if (publicKeyPem != null) {
			JWK uploaded = KeyPairs.parsePublicKey(keyId, publicKeyPem, algorithm);
			created = new CreatedKey(new ServiceAccountKey(keyId, saId, KeyPairs.algorithmOf(uploaded), uploaded, now,
					null, expiry, false), null);
		}
		else {
			KeyPairs.Generated generated = KeyPairs.generate(keyId, (algorithm != null) ? algorithm : "ES256");
			created = new CreatedKey(new ServiceAccountKey(keyId, saId, KeyPairs.algorithmOf(generated.publicKey()),
					generated.publicKey(), now, null, expiry, false), generated.privateKeyPem());
		}
		this.repository.insertKey(created.key());
		return created;
	}

	/**
	 * Disables or enables a key (doing it twice changes nothing more); a disabled key
	 * stops working at once, on every node once the change is heard (within a second).
	 */
	@Transactional
	public void setDisabled(AccountId account, String saId, String keyId, boolean disabled) {
		this.store.locked(account, saId);
		if (this.repository.setKeyDisabled(saId, keyId, disabled) == 0) {
			throw new NotFoundException("no key " + keyId);
		}
	}

	/** Refuses (400) an expiry that is not in the future or lies beyond the year 9999. */
	private static void checkExpiry(@Nullable Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return;
		}
		if (!expiresAt.isAfter(now)) {
			throw new InvalidRequestException("expiresAt", "must be in the future");
		}
		if (expiresAt.isAfter(LATEST_KEY_EXPIRY)) {
			throw new InvalidRequestException("expiresAt", "must be at most " + LATEST_KEY_EXPIRY);
		}
	}

	/** Deletes a key; it stops working at once. */
	@Transactional
	public void delete(AccountId account, String saId, String keyId) {
		this.store.locked(account, saId);
		if (this.repository.deleteKey(saId, keyId) == 0) {
			throw new NotFoundException("no key " + keyId);
		}
	}

}
