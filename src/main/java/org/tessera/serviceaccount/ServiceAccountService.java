package org.tessera.serviceaccount;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.account.AccountId;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.web.ConflictException;
import org.tessera.web.Fields;
import org.tessera.web.InvalidRequestException;
import org.tessera.web.NotFoundException;
import org.tessera.web.PageRequest;

/** Service accounts of an account: creation with trust, policies and a first secret; reads; trust. */
@Service
public class ServiceAccountService {

	/** Most live service accounts one account may hold. */
	public static final int MAX_SERVICE_ACCOUNTS_PER_ACCOUNT = 1000;

	/** Most accounts one service account may trust. */
	public static final int MAX_TRUSTED_ACCOUNTS = 50;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final ServiceAccountRepository repository;

	private final AccountPolicyService policies;

	private final SecretHasher hasher;

	private final Clock clock;

	ServiceAccountService(ServiceAccountRepository repository, AccountPolicyService policies, SecretHasher hasher,
			Clock clock) {
		this.repository = repository;
		this.policies = policies;
		this.hasher = hasher;
		this.clock = clock;
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

	@Transactional
	public Created create(AccountId account, String name, @Nullable String description,
			@Nullable List<String> trustedAccounts, @Nullable List<String> policyNames) {
		checkName(name);
		String text = Fields.text("description", description, 1000);
		List<AccountId> trusted = trustList("trustedAccounts", trustedAccounts);
		if (this.repository.countLive(account) >= MAX_SERVICE_ACCOUNTS_PER_ACCOUNT) {
			throw new ConflictException(
					"an account holds at most " + MAX_SERVICE_ACCOUNTS_PER_ACCOUNT + " service accounts");
		}
		Instant now = this.clock.instant();
		ServiceAccount sa = new ServiceAccount(newId("sa-", 26), account, name, text, true, null, now, null, trusted);
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

	/** A live (not deleted) service account of the account, or 404. */
	public ServiceAccount get(AccountId account, String saId) {
		return this.repository.find(saId)
			.filter((sa) -> sa.account().equals(account) && !sa.deleted())
			.orElseThrow(() -> new NotFoundException("no service account " + saId));
	}

	/** Any service account by its id, whatever its state: for the token side, which checks state itself. */
	public Optional<ServiceAccount> find(String saId) {
		return this.repository.find(saId);
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
		return this.repository.page(account, page.after(), page.fetchSize(), since);
	}

	@Transactional
	public ServiceAccount updateDescription(AccountId account, String saId, @Nullable String description) {
		get(account, saId);
		this.repository.updateDescription(saId, Fields.text("description", description, 1000));
		return get(account, saId);
	}

	@Transactional
	public ServiceAccount setTrust(AccountId account, String saId, @Nullable List<String> accounts) {
		get(account, saId);
		if (accounts == null) {
			throw new InvalidRequestException("accounts", "is required");
		}
		this.repository.replaceTrust(saId, trustList("accounts", accounts));
		return get(account, saId);
	}

	public List<String> policiesOf(ServiceAccount sa) {
		return this.policies.attachedTo(sa.principal());
	}

	public void attach(AccountId account, String saId, String policy) {
		this.policies.attach(get(account, saId).principal(), policy);
	}

	public void detach(AccountId account, String saId, String policy) {
		this.policies.detach(get(account, saId).principal(), policy);
	}

	/** The secrets of a service account, for client authentication. */
	public List<ClientSecret> secretsOf(String saId) {
		return this.repository.secretsOf(saId);
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
