package org.tessera.account;

import java.time.Clock;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.tessera.iam.ConflictException;
import org.tessera.web.Fields;
import org.tessera.iam.InvalidRequestException;

/** Sign-up of root accounts. */
@Service
public class AccountService {

	/**
	 * The longest e-mail address, as stored and lower-cased (some letters, such as İ,
	 * lower-case to two characters).
	 */
	private static final int MAX_EMAIL_LENGTH = 254;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}");

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates a root account with a random id; the e-mail must be new (compared
	 * case-insensitively). Whether the caller may sign up at all is the
	 * {@link SignUpGate}'s decision.
	 */
	public Account signUp(String email, String password) {
		for (int attempt = 0;; attempt++) {
			try {
				return create(AccountId.random(), email, password);
			}
			catch (DuplicateKeyException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Creates a root account with the given id, whatever the sign-up mode (the demo world
	 * uses the ids of the documentation's examples). Throws {@link DuplicateKeyException}
	 * when the id is taken.
	 */
	public Account create(AccountId id, String email, String password) {
		Fields.require("email", email, EMAIL, "must be an e-mail address");
		if (AccountRepository.emailKey(email).length() > MAX_EMAIL_LENGTH) {
			throw new InvalidRequestException("email",
					"must be at most " + MAX_EMAIL_LENGTH + " characters lower-cased");
		}
		PasswordRules.check("password", password);
		if (this.accounts.findByEmail(email).isPresent()) {
			throw new ConflictException("an account with this e-mail already exists");
		}
		Account account = new Account(id, email, this.passwordEncoder.encode(password), this.clock.instant());
		try {
			this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			if (this.accounts.findByEmail(email).isPresent()) {
				throw new ConflictException("an account with this e-mail already exists");
			}
			throw ex;
		}
		return account;
	}

}
