package org.tessera.account;

import java.time.Clock;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.tessera.TesseraProperties;
import org.tessera.web.ConflictException;
import org.tessera.web.Fields;
import org.tessera.web.NotFoundException;

/** Sign-up of root accounts. */
@Service
public class AccountService {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}");

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final boolean signUpEnabled;

	private final Clock clock;

	public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, TesseraProperties properties,
			Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.signUpEnabled = properties.signUp().enabled();
		this.clock = clock;
	}

	/** Creates a root account; the e-mail must be new (compared case-insensitively). */
	public Account signUp(String email, String password) {
		if (!this.signUpEnabled) {
			throw new NotFoundException("sign-up is switched off on this server");
		}
		Fields.require("email", email, EMAIL, "must be an e-mail address");
		Fields.password("password", password);
		if (this.accounts.findByEmail(email).isPresent()) {
			throw new ConflictException("an account with this e-mail already exists");
		}
		String hash = this.passwordEncoder.encode(password);
		for (int attempt = 0;; attempt++) {
			Account account = new Account(AccountId.random(), email, hash, this.clock.instant());
			try {
				this.accounts.insert(account);
				return account;
			}
			catch (DuplicateKeyException ex) {
				if (this.accounts.findByEmail(email).isPresent()) {
					throw new ConflictException("an account with this e-mail already exists");
				}
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

}
