package org.tessera.serviceaccount;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.AfterCommit;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.web.ConflictException;
import org.tessera.web.Fields;
import org.tessera.web.InvalidRequestException;
import org.tessera.web.NotFoundException;
import org.tessera.web.PageRequest;
import org.tessera.web.PreconditionFailedException;

/** Service accounts of an account: creation with trust, policies and a first secret; reads; trust. */
@Service
public class ServiceAccountService {

	/** Most live service accounts one account may hold. */
	public static final int MAX_SERVICE_ACCOUNTS_PER_ACCOUNT = 1000;

	/** Most secrets one service account may hold at once. */
	public static final int MAX_SECRETS = 10;

	/** Most keys one service account may hold at once. */
	public static final int MAX_KEYS = 10;

	/** Most accounts one service account may trust. */
	public static final int MAX_TRUSTED_ACCOUNTS = 50;

	/** The latest expiry a secret may have, the last second of the year 9999 (as SQL timestamps go). */
	private static final Instant LATEST_SECRET_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final ServiceAccountRepository repository;

	private final AccountRepository accounts;

	private final AccountPolicyService policies;

	private final SecretHasher hasher;

	private final Clock clock;

	private final LastUse lastUse;

	private final Duration retention;

	/**
	 * What the token endpoint reads for every token (the service account, its secrets, its keys),
	 * cached so that issuing a token reads nothing from the database; every change drops the
	 * entries after it commits.
	 */
	private final Cache<String, ServiceAccount> cache = tokenSideCache();

	private final Cache<String, List<ClientSecret>> secretCache = tokenSideCache();

	private final Cache<String, List<ServiceAccountKey>> keyCache = tokenSideCache();

	ServiceAccountService(ServiceAccountRepository repository, AccountRepository accounts,
			AccountPolicyService policies, SecretHasher hasher, Clock clock, LastUse lastUse,
			TesseraProperties properties) {
		this.repository = repository;
		this.accounts = accounts;
		this.policies = policies;
		this.hasher = hasher;
		this.clock = clock;
		this.lastUse = lastUse;
		this.retention = properties.serviceAccounts().undeleteRetention();
	}

	/** What a creation returns: the account and its first secret's value, shown this once. */
	public record Created(ServiceAccount serviceAccount, String secretId, String clientSecret) {

		@Override
		public String toString() {
			return "Created[" + this.serviceAccount.id() + ", secret=<hidden>]";
		}

	}

	/** Refuses (400, naming the field) a name no service account may have. */
	public static void checkName(String name) {
		Fields.require("name", name, NAME, "must be 1 to 64 of A-Z a-z 0-9 + = , . @ _ -");
	}

	/** A new saId, never handed out before (130 random bits): callers check rights on its CRN, then create it. */
	public static String newServiceAccountId() {
		return newId("sa-", 26);
	}

	/**
	 * Creates the service account {@code saId} (from {@link #newServiceAccountId()}) with its trust,
	 * policies and a first secret.
	 */
	@Transactional
	public Created create(AccountId account, String saId, String name, @Nullable String description,
			@Nullable List<String> trustedAccounts, @Nullable List<String> policyNames) {
		checkName(name);
		String text = Fields.text("description", description, 1000);
		List<AccountId> trusted = trustList("trustedAccounts", trustedAccounts);
		checkRoomForOneMore(account);
		Instant now = this.clock.instant();
		ServiceAccount sa = new ServiceAccount(saId, account, name, text, true, null, now, null, trusted, 0, null);
		try {
			this.repository.insert(sa);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("a service account named " + name + " already exists");
		}
		this.policies.attachAll(sa.principal(), (policyNames != null) ? policyNames : List.of(), "policies");
		SecretHasher.GeneratedSecret secret = this.hasher.generate();
		String secretId = newId("sk-", 16);
		this.repository.insertSecret(new ClientSecret(secretId, sa.id(), secret.hash(), now, null, null));
		return new Created(sa, secretId, secret.value());
	}

	/** A live (not deleted) service account of the account, read from the database, or 404. */
	public ServiceAccount get(AccountId account, String saId) {
		return this.repository.find(saId)
			.map(this::withLastUse)
			.filter((sa) -> sa.account().equals(account) && !sa.deleted())
			.orElseThrow(() -> new NotFoundException("no service account " + saId));
	}

	/** Any service account by its id, whatever its state: for the token side, which checks state itself. */
	public Optional<ServiceAccount> find(String saId) {
		return Optional.ofNullable(this.cache.get(saId, (id) -> this.repository.find(id).orElse(null)))
			.map(this::withLastUse);
	}

	/**
	 * Rows for one page of live service accounts in id order; with {@code unusedForDays}, only
	 * those that got no token in that many days (never used counts as unused).
	 */
	public List<ServiceAccount> page(AccountId account, PageRequest page, @Nullable Integer unusedForDays) {
		Instant since = null;
		if (unusedForDays != null) {
			if (unusedForDays < 0 || unusedForDays > 36_500) {
				throw new InvalidRequestException("unusedForDays", "must be between 0 and 36500");
			}
			since = this.clock.instant().minus(Duration.ofDays(unusedForDays));
		}
		if (since != null) {
			this.lastUse.flush();
		}
		return this.repository.page(account, page.after(), page.fetchSize(), since)
			.stream()
			.map(this::withLastUse)
			.toList();
	}

	@Transactional
	public ServiceAccount updateDescription(AccountId account, String saId, @Nullable String description,
			@Nullable String ifMatch) {
		String text = Fields.text("description", description, 1000);
		return change(account, saId, ifMatch, (sa) -> this.repository.updateDescription(saId, text));
	}

	@Transactional
	public ServiceAccount setTrust(AccountId account, String saId, @Nullable List<String> accounts,
			@Nullable String ifMatch) {
		if (accounts == null) {
			throw new InvalidRequestException("accounts", "is required");
		}
		List<AccountId> trusted = trustList("accounts", accounts);
		return change(account, saId, ifMatch, (sa) -> this.repository.replaceTrust(saId, trusted));
	}

	public List<String> policiesOf(ServiceAccount sa) {
		return this.policies.attachedTo(sa.principal());
	}

	/** The policies of each service account of a list page, read in one query. */
	public Map<PrincipalRef, List<String>> policiesOf(List<ServiceAccount> serviceAccounts) {
		return this.policies.attachedTo(serviceAccounts.stream().map(ServiceAccount::principal).toList());
	}

	@Transactional
	public ServiceAccount attach(AccountId account, String saId, String policy, @Nullable String ifMatch) {
		return change(account, saId, ifMatch, (sa) -> this.policies.attach(sa.principal(), policy));
	}

	@Transactional
	public ServiceAccount detach(AccountId account, String saId, String policy, @Nullable String ifMatch) {
		return change(account, saId, ifMatch, (sa) -> this.policies.detach(sa.principal(), policy));
	}

	/** The secrets of a service account with their last use, for client authentication and listing. */
	public List<ClientSecret> secretsOf(String saId) {
		return this.secretCache.get(saId, this.repository::secretsOf)
			.stream()
			.map((s) -> new ClientSecret(s.id(), s.serviceAccountId(), s.hash(), s.createdAt(), s.expiresAt(),
					this.lastUse.secret(s.id(), s.lastUsedAt())))
			.toList();
	}

	/** A new secret beside the others (rotation: create the new one, move clients, delete the old one). */
	@Transactional
	public Created createSecret(AccountId account, String saId, @Nullable Instant expiresAt) {
		ServiceAccount sa = locked(account, saId);
		Instant now = this.clock.instant();
		checkExpiry(expiresAt, now);
		if (this.repository.secretsOf(saId).size() >= MAX_SECRETS) {
			throw new ConflictException("a service account holds at most " + MAX_SECRETS + " secrets; delete one first");
		}
		SecretHasher.GeneratedSecret secret = this.hasher.generate();
		String secretId = newId("sk-", 16);
		this.repository.insertSecret(new ClientSecret(secretId, saId, secret.hash(), now, expiresAt, null));
		return new Created(sa, secretId, secret.value());
	}

	/** Refuses (400) an expiry that is not in the future or lies beyond {@link #LATEST_SECRET_EXPIRY}. */
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

	/** Deletes a secret; it stops working at once. */
	@Transactional
	public void deleteSecret(AccountId account, String saId, String secretId) {
		locked(account, saId);
		if (this.repository.deleteSecret(saId, secretId) == 0) {
			throw new NotFoundException("no secret " + secretId);
		}
	}

	/** A generated or uploaded key; {@code privateKeyPem} only when generated, shown this once. */
	public record CreatedKey(ServiceAccountKey key, @Nullable String privateKeyPem) {

		@Override
		public String toString() {
			return "CreatedKey[" + this.key.id() + ", private=<hidden>]";
		}

	}

	/** Generates a key pair (algorithm ES256 or RS256) or, given {@code publicKeyPem}, registers that key. */
	@Transactional
	public CreatedKey createKey(AccountId account, String saId, @Nullable String algorithm,
			@Nullable String publicKeyPem) {
		locked(account, saId);
		if (this.repository.keysOf(saId).size() >= MAX_KEYS) {
			throw new ConflictException("a service account holds at most " + MAX_KEYS + " keys; delete one first");
		}
		String keyId = newId("key-", 20);
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

	public List<ServiceAccountKey> keysOf(String saId) {
		return this.keyCache.get(saId, this.repository::keysOf)
			.stream()
			.map((k) -> new ServiceAccountKey(k.id(), k.serviceAccountId(), k.algorithm(), k.publicKey(),
					k.createdAt(), this.lastUse.key(k.id(), k.lastUsedAt())))
			.toList();
	}

	@Transactional
	public void deleteKey(AccountId account, String saId, String keyId) {
		locked(account, saId);
		if (this.repository.deleteKey(saId, keyId) == 0) {
			throw new NotFoundException("no key " + keyId);
		}
	}

	/**
	 * Disables or enables: a disabled service account gets no token by any grant, cannot be
	 * impersonated, and its tokens already issued stop being active at once and for good: enabling
	 * it again lets it get new tokens, never revives the old ones.
	 */
	@Transactional
	public ServiceAccount setEnabled(AccountId account, String saId, boolean enabled, @Nullable String ifMatch) {
		return change(account, saId, ifMatch, (sa) -> {
			if (enabled) {
				this.repository.enable(saId);
			}
			else {
				this.repository.disable(saId, this.clock.instant());
			}
		});
	}

	/**
	 * Deletes: hidden, stopped like a disabled one, its name free; undeletable for the retention
	 * period, which brings back the account but none of the tokens it had.
	 */
	@Transactional
	public ServiceAccount delete(AccountId account, String saId, @Nullable String ifMatch) {
		ServiceAccount sa = lockedAt(account, saId, ifMatch);
		this.repository.markDeleted(saId, this.clock.instant());
		this.repository.bumpVersion(saId);
		return sa;
	}

	/** Restores a deleted service account with its secrets, keys, trust and policies. */
	@Transactional
	public ServiceAccount undelete(AccountId account, String saId) {
		// the account's row first, as a creation takes it, so that an undelete and a creation never each hold
		// one of the two locks while waiting for the other
		this.accounts.lock(account);
		ServiceAccount sa = lockedLiveOrDeleted(account, saId);
		if (!sa.deleted()) {
			throw new ConflictException("service account " + saId + " is not deleted");
		}
		checkRoomForOneMore(account);
		try {
			this.repository.restore(sa);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("a live service account is named " + sa.name() + " now; delete or rename it first");
		}
		this.repository.bumpVersion(saId);
		return get(account, saId);
	}

	/** Purges service accounts deleted longer ago than the retention period; returns what went. */
	@Transactional
	public List<ServiceAccount> purgeExpired() {
		return purge(dueForPurge());
	}

	/** The service accounts deleted longer ago than the retention period. */
	List<ServiceAccount> dueForPurge() {
		return this.repository.deletedBefore(purgeCutoff());
	}

	/**
	 * Purges those of {@code due} that are still deleted and past the retention period, with their
	 * policy attachments: one undeleted since {@code due} was read keeps everything. Returns what went.
	 */
	@Transactional
	List<ServiceAccount> purge(List<ServiceAccount> due) {
		Instant cutoff = purgeCutoff();
		List<ServiceAccount> purged = new ArrayList<>();
		for (ServiceAccount sa : due) {
			if (this.repository.purge(sa.id(), cutoff)) {
				this.policies.detachAll(sa.principal());
				forget(sa.id());
				purged.add(sa);
			}
		}
		return purged;
	}

	private Instant purgeCutoff() {
		return this.clock.instant().minus(this.retention);
	}

	/**
	 * Applies a change to a live service account, one change at a time per account (row lock),
	 * only if {@code ifMatch} (when given) is its current ETag; bumps its version.
	 */
	private ServiceAccount change(AccountId account, String saId, @Nullable String ifMatch,
			Consumer<ServiceAccount> change) {
		change.accept(lockedAt(account, saId, ifMatch));
		this.repository.bumpVersion(saId);
		return get(account, saId);
	}

	/** {@link #locked}, refused with 412 unless {@code ifMatch} (when given) is the current ETag. */
	private ServiceAccount lockedAt(AccountId account, String saId, @Nullable String ifMatch) {
		ServiceAccount sa = locked(account, saId);
		if (ifMatch != null && !"*".equals(ifMatch.strip()) && !sa.etag().equals(ifMatch.strip())) {
			throw new PreconditionFailedException(
					"If-Match " + ifMatch.strip() + " is not the current version " + sa.etag() + "; read it again");
		}
		return sa;
	}

	/**
	 * The live service account, its row locked until the transaction ends; what the token side
	 * cached of it is dropped once the change commits.
	 */
	private ServiceAccount locked(AccountId account, String saId) {
		get(account, saId);
		this.repository.lockForUpdate(saId);
		forget(saId);
		return get(account, saId);
	}

	/**
	 * The account's service account whether deleted or not, its row locked until the transaction
	 * ends (so an undelete and the purge never both go ahead), or 404.
	 */
	private ServiceAccount lockedLiveOrDeleted(AccountId account, String saId) {
		ownedBy(account, saId);
		if (!this.repository.lockForUpdate(saId)) {
			throw new NotFoundException("no service account " + saId);
		}
		forget(saId);
		return ownedBy(account, saId);
	}

	private ServiceAccount ownedBy(AccountId account, String saId) {
		return this.repository.find(saId)
			.filter((found) -> found.account().equals(account))
			.orElseThrow(() -> new NotFoundException("no service account " + saId));
	}

	/**
	 * Refuses (409) one more live service account in an account that holds the most allowed. The account's row
	 * stays locked until the transaction ends, so concurrent creations count one after another.
	 */
	private void checkRoomForOneMore(AccountId account) {
		this.accounts.lock(account);
		if (this.repository.countLive(account) >= MAX_SERVICE_ACCOUNTS_PER_ACCOUNT) {
			throw new ConflictException(
					"an account holds at most " + MAX_SERVICE_ACCOUNTS_PER_ACCOUNT + " service accounts");
		}
	}

	private void forget(String saId) {
		AfterCommit.run(() -> {
			this.cache.invalidate(saId);
			this.secretCache.invalidate(saId);
			this.keyCache.invalidate(saId);
		});
	}

	private static <V> Cache<String, V> tokenSideCache() {
		return Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();
	}

	private ServiceAccount withLastUse(ServiceAccount sa) {
		return new ServiceAccount(sa.id(), sa.account(), sa.name(), sa.description(), sa.enabled(), sa.deletedAt(),
				sa.createdAt(), this.lastUse.serviceAccount(sa.id(), sa.lastUsedAt()), sa.trustedAccounts(), sa.version(),
				sa.lastDeactivatedAt());
	}

	private static List<AccountId> trustList(String field, @Nullable List<String> entries) {
		if (entries == null) {
			return List.of();
		}
		if (entries.size() > MAX_TRUSTED_ACCOUNTS) {
			throw new InvalidRequestException(field, "at most " + MAX_TRUSTED_ACCOUNTS + " accounts");
		}
		Set<AccountId> accounts = new LinkedHashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			if (!AccountId.isValid(entry)) {
				throw new InvalidRequestException(field + "[" + i + "]", "must be an account id (digits)");
			}
			accounts.add(new AccountId(entry));
		}
		return List.copyOf(accounts);
	}

	static String newId(String prefix, int length) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < length; i++) {
			id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
		}
		return id.toString().toLowerCase(Locale.ROOT);
	}

}
