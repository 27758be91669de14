package org.tessera.serviceaccount;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.account.AccountId;
import org.tessera.iam.ConflictException;
import org.tessera.iam.InvalidRequestException;
import org.tessera.iam.NotFoundException;

/**
 * The client secrets of a service account: a new one beside the others (rotation: create
 * the new one, move clients, delete the old one), listing, and deletion, after which a
 * secret stops working at once. Only a keyed hash of a secret is stored.
 */
@Service
public class ServiceAccountSecrets {

	/** Most secrets one service account may hold at once. */
	public static final int MAX_SECRETS = 10;

	/**
	 * The latest expiry a secret may have, the last second of the year 9999 (as SQL
	 * timestamps go).
	 */
	private static final Instant LATEST_SECRET_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private final ServiceAccountRepository repository;

	private final ServiceAccountStore store;

	private final SecretHasher hasher;

	private final Clock clock;

	ServiceAccountSecrets(ServiceAccountRepository repository, ServiceAccountStore store, SecretHasher hasher,
			Clock clock) {
		this.repository = repository;
		this.store = store;
		this.hasher = hasher;
		this.clock = clock;
	}

	/**
	 * The secrets of a live service account of the account, with their last use, or 404.
	 */
	public List<ClientSecret> of(AccountId account, String saId) {
		this.store.get(account, saId);
		return this.store.secretsOf(saId);
	}

	/** A new secret beside the others, expiring at {@code expiresAt} or never. */
	@Transactional
	public CreatedSecret create(AccountId account, String saId, @Nullable Instant expiresAt) {
		ServiceAccount sa = this.store.locked(account, saId);
		Instant now = this.clock.instant();
		checkExpiry(expiresAt, now);
		if (this.repository.secretsOf(saId).size() >= MAX_SECRETS) {
			throw new ConflictException(
					"a service account holds at most " + MAX_SECRETS + " secrets; delete one first");
		}
		return insert(sa, now, expiresAt);
	}

	/** Deletes a secret; it stops working at once. */
	@Transactional
	public void delete(AccountId account, String saId, String secretId) {
		this.store.locked(account, saId);
		if (this.repository.deleteSecret(saId, secretId) == 0) {
			throw new NotFoundException("no secret " + secretId);
		}
	}

	/**
	 * Stores a freshly generated secret of {@code sa}, which the caller has locked or
	 * just created.
	 */
	CreatedSecret insert(ServiceAccount sa, Instant now, @Nullable Instant expiresAt) {
		SecretHasher.GeneratedSecret secret = this.hasher.generate();
		String secretId = RandomIds.newId("sk-", 16);
		this.repository.insertSecret(new ClientSecret(secretId, sa.id(), secret.hash(), now, expiresAt, null));
		return new CreatedSecret(sa, secretId, secret.value());
	}

	/**
	 * Refuses (400) an expiry that is not in the future or lies beyond
	 * {@link #LATEST_SECRET_EXPIRY}.
	 */
	private static void checkExpiry(@Nullable Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return;
		}
		if (!expiresAt.isAfter(now)) {
			throw new InvalidRequestException("expiresAt", "must be in the future");
		}
		if (expiresAt.isAfter(LATEST_SECRET_EXPIRY)) {
			throw new InvalidRequestException("expiresAt", "must be at most " + LATEST_SECRET_EXPIRY);
		}
	}

}
