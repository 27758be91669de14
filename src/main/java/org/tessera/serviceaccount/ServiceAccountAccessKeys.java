package org.tessera.serviceaccount;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.account.AccountId;
import org.tessera.crypto.SecretBox;
import org.tessera.iam.ConflictException;
import org.tessera.iam.NotFoundException;

/**
 * The access keys of a service account, as AWS IAM and VNG Cloud link S3 keys to an
 * identity: at most two at once (so one can replace the other), each with a key id and a
 * secret. S3's Signature Version 4 needs the verifier to know the secret, so it cannot be
 * hashed: it is sealed under the key-encryption key, answered only when created, and
 * afterwards only used inside Tessera to derive a storage service's per-day signing key
 * ({@link #forSigning}).
 */
@Service
public class ServiceAccountAccessKeys {

	/** Most access keys one service account may hold at once, as in AWS IAM. */
	public static final int MAX_ACCESS_KEYS = 2;

	private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	/** The 64 characters of base64: S3 tools take a secret of these. */
	private static final char[] SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		.toCharArray();

	/** Key ids start so, as AWS's long-term keys start with {@code AKIA}. */
	static final String ID_PREFIX = "TKIA";

	/** 20 characters in all, as S3 tools expect. */
	static final int ID_LENGTH = 20;

	/**
	 * 43 characters of 6 bits each: 258 bits, where AWS's 40 characters would carry only
	 * 240; S3 clients take a secret of any length.
	 */
	static final int SECRET_LENGTH = 43;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AccessKeyRepository repository;

	private final ServiceAccountStore store;

	private final SecretBox box;

	private final LastUse lastUse;

	private final Clock clock;

	ServiceAccountAccessKeys(AccessKeyRepository repository, ServiceAccountStore store, SecretBox box, LastUse lastUse,
			Clock clock) {
		this.repository = repository;
		this.store = store;
		this.box = box;
		this.lastUse = lastUse;
		this.clock = clock;
	}

	/** The access keys of a live service account of the account, with their last use. */
	public List<AccessKey> of(AccountId account, String saId) {
		this.store.get(account, saId);
		return this.repository.of(saId).stream().map(this::withLastUse).toList();
	}

	/** A new active key beside the other, or 409 if the service account holds two. */
	@Transactional
	public CreatedAccessKey create(AccountId account, String saId) {
		this.store.locked(account, saId);
		if (this.repository.of(saId).size() >= MAX_ACCESS_KEYS) {
			throw new ConflictException(
					"a service account holds at most " + MAX_ACCESS_KEYS + " access keys; delete one first");
		}
		String id = ID_PREFIX + random(ID_CHARACTERS, ID_LENGTH - ID_PREFIX.length());
		String secret = random(SECRET_CHARACTERS, SECRET_LENGTH);
		AccessKey key = new AccessKey(id, saId, AccessKeyStatus.ACTIVE, this.clock.instant(), null);
		this.repository.insert(key, this.box.seal(secret, context(id)));
		return new CreatedAccessKey(key, secret);
	}

	/**
	 * Makes the key active or inactive, effective for the next signing-key derivation.
	 */
	@Transactional
	public AccessKey setStatus(AccountId account, String saId, String accessKeyId, AccessKeyStatus status) {
		this.store.locked(account, saId);
		if (this.repository.setStatus(saId, accessKeyId, status) == 0) {
			throw new NotFoundException("no access key " + accessKeyId);
		}
		return this.repository.find(accessKeyId).map((found) -> withLastUse(found.key())).orElseThrow();
	}

	/** Deletes a key; requests it signs are refused from the next derivation on. */
	@Transactional
	public void delete(AccountId account, String saId, String accessKeyId) {
		this.store.locked(account, saId);
		if (this.repository.delete(saId, accessKeyId) == 0) {
			throw new NotFoundException("no access key " + accessKeyId);
		}
	}

	/**
	 * The secret of an active key of an active service account, noting the key's use;
	 * empty for an unknown or inactive key, or a disabled or deleted service account.
	 * Reads the database every time, so a change on any node counts at once.
	 */
	public Optional<AccessKeySigningSecret> forSigning(String accessKeyId) {
		Optional<AccessKeyRepository.Sealed> found = this.repository.find(accessKeyId);
		if (found.isEmpty() || !found.get().key().active()) {
			return Optional.empty();
		}
		AccessKey key = found.get().key();
		Optional<ServiceAccount> sa = this.store.find(key.serviceAccountId()).filter(ServiceAccount::active);
		if (sa.isEmpty()) {
			return Optional.empty();
		}
		String secret = this.box.open(found.get().sealedSecret(), context(key.id()));
		this.lastUse.accessKeyUsed(key.serviceAccountId(), key.id(), this.clock.instant());
		return Optional.of(new AccessKeySigningSecret(key, sa.get(), secret));
	}

	/**
	 * The key's owner, whatever the key's or the owner's state: whose audit a refused use
	 * goes to.
	 */
	public Optional<ServiceAccount> ownerOf(String accessKeyId) {
		return this.repository.find(accessKeyId).flatMap((found) -> this.store.find(found.key().serviceAccountId()));
	}

	private AccessKey withLastUse(AccessKey key) {
		Instant last = this.lastUse.accessKey(key.id(), key.lastUsedAt());
		return new AccessKey(key.id(), key.serviceAccountId(), key.status(), key.createdAt(), last);
	}

	private static String context(String accessKeyId) {
		return "access_key/" + accessKeyId;
	}

	private static String random(char[] alphabet, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
		}
		return new String(chars);
	}

}
