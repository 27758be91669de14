package org.tessera.serviceaccount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.iam.ConflictException;
import org.tessera.web.Fields;
import org.tessera.web.IfMatch;
import org.tessera.iam.InvalidRequestException;
import org.tessera.web.PageRequest;

/**
 * A service account from creation to deletion: create (with trust, policies and a first
 * secret), read, list, update, trust, attach and detach policies, disable, enable, delete
 * and undelete. Changes to one service account go one at a time (its row is locked) and,
 * given an {@code If-Match}, only against the version it names; each bumps the version.
 */
@Service
public class ServiceAccountLifecycle {

	/** Most live service accounts one account may hold. */
	public static final int MAX_SERVICE_ACCOUNTS_PER_ACCOUNT = 1000;

	/** Most accounts one service account may trust. */
	public static final int MAX_TRUSTED_ACCOUNTS = TrustList.MAX_ENTRIES;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");

	private final ServiceAccountRepository repository;

	private final ServiceAccountStore store;

	private final ServiceAccountSecrets secrets;

	private final AccountRepository accounts;

	private final AccountPolicyService policies;

	private final Clock clock;

	private final LastUse lastUse;

	ServiceAccountLifecycle(ServiceAccountRepository repository, ServiceAccountStore store,
			ServiceAccountSecrets secrets, AccountRepository accounts, AccountPolicyService policies, Clock clock,
			LastUse lastUse) {
		this.repository = repository;
		this.store = store;
		this.secrets = secrets;
		this.accounts = accounts;
		this.policies = policies;
		this.clock = clock;
		this.lastUse = lastUse;
	}

	/** Refuses (400, naming the field) a name no service account may have. */
	public static void checkName(String name) {
		Fields.require("name", name, NAME, "must be 1 to 64 of A-Z a-z 0-9 + = , . @ _ -");
	}

	/**
	 * A new saId, never handed out before (130 random bits): callers check rights on its
	 * CRN, then create it.
	 */
	public static String newServiceAccountId() {
		return RandomIds.newId("sa-", 26);
	}

	/**
	 * Creates the service account {@code saId} (from {@link #newServiceAccountId()}) with
	 * its trust, policies and a first secret, whose value the result holds.
	 */
	@Transactional
	public CreatedSecret create(AccountId account, String saId, String name, @Nullable String description,
			@Nullable List<?> trustedAccounts, @Nullable List<String> policyNames) {
		return create(account, saId, name, description, trustedAccounts, policyNames, null);
	}

	/**
	 * {@link #create(AccountId, String, String, String, List, List)} with the longest
	 * life its tokens may have ({@code maxSessionDuration}, seconds; null for an hour).
	 */
	@Transactional
	public CreatedSecret create(AccountId account, String saId, String name, @Nullable String description,
			@Nullable List<?> trustedAccounts, @Nullable List<String> policyNames,
			@Nullable Object maxSessionDuration) {
		checkName(name);
		String text = Fields.text("description", description, 1000);
		List<TrustEntry> trusted = TrustList.read("trustedAccounts", trustedAccounts);
		Duration maxSession = TrustList.maxSessionDuration("maxSessionDuration", maxSessionDuration);
		checkRoomForOneMore(account);
		Instant now = this.clock.instant();
		ServiceAccount sa = new ServiceAccount(saId, account, name, text, true, null, now, null, trusted, 0, null,
				(maxSession != null) ? maxSession : ServiceAccount.DEFAULT_MAX_SESSION_DURATION);
		try {
			this.repository.insert(sa);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("a service account named " + name + " already exists");
		}
		this.policies.attachAll(sa.principal(), (policyNames != null) ? policyNames : List.of(), "policies");
		return this.secrets.insert(sa, now, null);
	}

	/**
	 * A live (not deleted) service account of the account, read from the database, or
	 * 404.
	 */
	public ServiceAccount get(AccountId account, String saId) {
		return this.store.get(account, saId);
	}

	/**
	 * Rows for one page of live service accounts in id order, and with
	 * {@code withDeleted} of those deleted and not yet purged too; with
	 * {@code unusedForDays}, only those that got no token in that many days (never used
	 * counts as unused).
	 */
	public List<ServiceAccount> page(AccountId account, PageRequest page, @Nullable Integer unusedForDays,
			boolean withDeleted) {
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
		return this.repository.page(account, page.after(), page.fetchSize(), since, withDeleted)
			.stream()
			.map(this.store::withLastUse)
			.toList();
	}

	@Transactional
	public ServiceAccount updateDescription(AccountId account, String saId, @Nullable String description,
			IfMatch ifMatch) {
		String text = Fields.text("description", description, 1000);
		return change(account, saId, ifMatch, (sa) -> this.repository.updateDescription(saId, text));
	}

	/**
	 * Changes the description, the longest life its tokens may have (seconds, a minute to
	 * twelve hours), or both: what is null stays as it is, except that a request with
	 * neither empties the description, as before the duration existed.
	 */
	@Transactional
	public ServiceAccount update(AccountId account, String saId, @Nullable String description,
			@Nullable Object maxSessionDuration, IfMatch ifMatch) {
		Duration duration = TrustList.maxSessionDuration("maxSessionDuration", maxSessionDuration);
		String text = (description != null || duration == null) ? Fields.text("description", description, 1000) : null;
		return change(account, saId, ifMatch, (sa) -> {
			if (text != null) {
				this.repository.updateDescription(saId, text);
			}
			if (duration != null) {
				this.repository.updateMaxSessionDuration(saId, duration);
			}
		});
	}

	@Transactional
	public ServiceAccount setTrust(AccountId account, String saId, @Nullable List<?> accounts, IfMatch ifMatch) {
		if (accounts == null) {
			throw new InvalidRequestException("accounts", "is required");
		}
		List<TrustEntry> trusted = TrustList.read("accounts", accounts);
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
	public ServiceAccount attach(AccountId account, String saId, String policy, IfMatch ifMatch) {
		return change(account, saId, ifMatch, (sa) -> this.policies.attach(sa.principal(), policy));
	}

	@Transactional
	public ServiceAccount detach(AccountId account, String saId, String policy, IfMatch ifMatch) {
		return change(account, saId, ifMatch, (sa) -> this.policies.detach(sa.principal(), policy));
	}

	/**
	 * Disables or enables: a disabled service account gets no token by any grant, cannot
	 * be impersonated, and its tokens already issued stop being active at once and for
	 * good: enabling it again lets it get new tokens, never revives the old ones.
	 */
	@Transactional
	public ServiceAccount setEnabled(AccountId account, String saId, boolean enabled, IfMatch ifMatch) {
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
	 * Deletes: hidden, stopped like a disabled one, its name free; undeletable for the
	 * retention period, which brings back the account but none of the tokens it had.
	 */
	@Transactional
	public ServiceAccount delete(AccountId account, String saId, IfMatch ifMatch) {
		ServiceAccount sa = this.store.locked(account, saId, ifMatch);
		this.repository.markDeleted(saId, this.clock.instant());
		this.repository.bumpVersion(saId);
		return sa;
	}

	/** Restores a deleted service account with its secrets, keys, trust and policies. */
	@Transactional
	public ServiceAccount undelete(AccountId account, String saId) {
		// the account's row first, as a creation takes it, so that an undelete and a
		// creation never each hold
		// one of the two locks while waiting for the other
		this.accounts.lock(account);
		ServiceAccount sa = this.store.lockedEvenIfDeleted(account, saId);
		if (!sa.deleted()) {
			throw new ConflictException("service account " + saId + " is not deleted");
		}
		checkRoomForOneMore(account);
		try {
			this.repository.restore(sa);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException(
					"a live service account is named " + sa.name() + " now; delete or rename it first");
		}
		this.repository.bumpVersion(saId);
		return get(account, saId);
	}

	/** Applies a change to the locked live service account, then bumps its version. */
	private ServiceAccount change(AccountId account, String saId, IfMatch ifMatch, Consumer<ServiceAccount> change) {
		change.accept(this.store.locked(account, saId, ifMatch));
		this.repository.bumpVersion(saId);
		return get(account, saId);
	}

	/**
	 * Refuses (409) one more live service account in an account that holds the most
	 * allowed. The account's row stays locked until the transaction ends, so concurrent
	 * creations count one after another.
	 */
	private void checkRoomForOneMore(AccountId account) {
		this.accounts.lock(account);
		if (this.repository.countLive(account) >= MAX_SERVICE_ACCOUNTS_PER_ACCOUNT) {
			throw new ConflictException(
					"an account holds at most " + MAX_SERVICE_ACCOUNTS_PER_ACCOUNT + " service accounts");
		}
	}

}
