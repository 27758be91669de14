package org.tessera.serviceaccount;

import java.time.Clock;
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
 * deletion, after which a key stops working at once. A key has no expiry.
 */
@Service
public class ServiceAccountKeys {

	/** Most keys one service account may hold at once. */
	public static final int MAX_KEYS = 10;

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
	 * Generates a key pair (algorithm ES256 or RS256) or, given {@code publicKeyPem},
	 * registers that key.
	 */
	@Transactional
	public CreatedKey create(AccountId account, String saId, @Nullable String algorithm,
			@Nullable String publicKeyPem) {
		this.store.locked(account, saId);
		if (this.repository.keysOf(saId).size() >= MAX_KEYS) {
			throw new ConflictException("a service account holds at most " + MAX_KEYS + " keys; delete one first");
		}
		String keyId = RandomIds.newId("key-", 20);
		CreatedKey created;
		if (publicKeyPem != null) {
			if (algorithm != null) {
				throw new InvalidRequestException("algorithm", "is taken from the uploaded key; leave it out");
			}
			JWK uploaded = KeyPairs.parsePublicKey(keyId, publicKeyPem);
			created = new CreatedKey(new ServiceAccountKey(keyId, saId, KeyPairs.algorithmOf(uploaded), uploaded,
					this.clock.instant(), null), null);
		}
		else {
			KeyPairs.Generated generated = KeyPairs.generate(keyId, (algorithm != null) ? algorithm : "ES256");
			created = new CreatedKey(new ServiceAccountKey(keyId, saId, KeyPairs.algorithmOf(generated.publicKey()),
					generated.publicKey(), this.clock.instant(), null), generated.privateKeyPem());
		}
		this.repository.insertKey(created.key());
		return created;
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
