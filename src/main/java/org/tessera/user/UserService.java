package org.tessera.user;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.access.PrincipalRef;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.account.PasswordRules;
import org.tessera.iam.ConflictException;
import org.tessera.web.Fields;
import org.tessera.iam.NotFoundException;
import org.tessera.web.PageRequest;

/** IAM users of an account: create, read, delete, and their policy attachments. */
@Service
public class UserService {

	/** Most users one account may hold. */
	public static final int MAX_USERS_PER_ACCOUNT = 1000;

	/**
	 * Not dots alone: a path naming such a user would be normalised away, so it could
	 * never be deleted.
	 */
	private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9+=,.@_-]{1,64}");

	private final UserRepository users;

	private final AccountRepository accounts;

	private final AccountPolicyService policies;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	UserService(UserRepository users, AccountRepository accounts, AccountPolicyService policies,
			PasswordEncoder passwordEncoder, Clock clock) {
		this.users = users;
		this.accounts = accounts;
		this.policies = policies;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/** Refuses (400, naming the field) a name no user may have. */
	public static void checkName(String name) {
		Fields.require("name", name, NAME, "must be 1 to 64 of A-Z a-z 0-9 + = , . @ _ -, not dots alone");
	}

	@Transactional
	public IamUser create(AccountId account, String name, String password) {
		checkName(name);
		PasswordRules.check("password", password);
		// hashed before the account is locked, so that creations in the account do not
		// queue behind the slow hash
		String passwordHash = this.passwordEncoder.encode(password);
		this.accounts.lock(account);
		if (this.users.count(account) >= MAX_USERS_PER_ACCOUNT) {
			throw new ConflictException("an account holds at most " + MAX_USERS_PER_ACCOUNT + " users");
		}
		IamUser user = new IamUser(account, name, passwordHash, this.clock.instant());
		try {
			this.users.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("a user named " + name + " already exists");
		}
		return user;
	}

	public IamUser get(AccountId account, String name) {
		return this.users.find(account, name).orElseThrow(() -> notFound(name));
	}

	/**
	 * The user's name as stored, which may differ in letter case from the one asked for;
	 * else the name as given.
	 */
	public String storedName(AccountId account, String name) {
		return this.users.find(account, name).map(IamUser::name).orElse(name);
	}

	public List<IamUser> page(AccountId account, PageRequest page) {
		return this.users.page(account, page.after(), page.fetchSize());
	}

	/** Deletes the user with its attachments, once no attach to it is under way. */
	@Transactional
	public void delete(AccountId account, String name) {
		IamUser user = locked(account, name);
		this.policies.detachAll(user.principal());
		this.users.delete(account, name, this.clock.instant());
	}

	public List<String> policiesOf(IamUser user) {
		return this.policies.attachedTo(user.principal());
	}

	/** The policies of each user of a list page, read in one query. */
	public Map<PrincipalRef, List<String>> policiesOf(List<IamUser> users) {
		return this.policies.attachedTo(users.stream().map(IamUser::principal).toList());
	}

	/**
	 * Attaches a policy; the user cannot be deleted until the attachment has committed.
	 */
	@Transactional
	public void attach(AccountId account, String name, String policy) {
		this.policies.attach(locked(account, name).principal(), policy);
	}

	public void detach(AccountId account, String name, String policy) {
		this.policies.detach(get(account, name).principal(), policy);
	}

	/**
	 * The user, its row locked until the transaction ends: attaching and deleting take
	 * this lock first, so an attachment never outlives its user.
	 */
	private IamUser locked(AccountId account, String name) {
		return this.users.findForUpdate(account, name).orElseThrow(() -> notFound(name));
	}

	private static NotFoundException notFound(String name) {
		return new NotFoundException("no user named " + name);
	}

}
