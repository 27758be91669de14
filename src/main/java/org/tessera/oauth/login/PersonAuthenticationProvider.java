package org.tessera.oauth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tessera.access.PrincipalRef;
import org.tessera.account.Account;
import org.tessera.account.AccountId;
import org.tessera.account.AccountLogins;
import org.tessera.account.PasswordRules;
import org.tessera.throttle.GrowingDelay;
import org.tessera.throttle.SourceBudget;
import org.tessera.throttle.Throttles;
import org.tessera.user.IamUser;
import org.tessera.user.UserLogins;

/**
 * Checks the login form: the account (its id or its root e-mail), then the root user when
 * the username is empty or the IAM user of that name, then the password against its slow
 * hash. Every failure is the same "bad credentials", and an unknown account or user still
 * costs one hash comparison, so neither the answer nor its timing tells which part was
 * wrong. Failures are throttled by source ({@link Throttles}): each source has a budget
 * of failed logins whatever names it tries, and each login name from each source waits
 * longer after every failure past a few. A throttled login is refused before any hashing;
 * what one source does never slows the same login from another. A hash of an older kind
 * is replaced after its first successful login.
 */
public final class PersonAuthenticationProvider implements AuthenticationProvider {

	private static final Logger LOG = LoggerFactory.getLogger(PersonAuthenticationProvider.class);

	private final AccountLogins accounts;

	private final UserLogins users;

	private final PasswordEncoder passwordEncoder;

	private final String decoyHash;

	private final SourceBudget sourceFailures;

	private final GrowingDelay nameFailures;

	public PersonAuthenticationProvider(AccountLogins accounts, UserLogins users, PasswordEncoder passwordEncoder,
			Throttles throttles) {
		this.sourceFailures = throttles.loginFailures();
		this.nameFailures = throttles.loginNames();
		this.accounts = accounts;
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.decoyHash = passwordEncoder.encode("decoy-password-never-matches");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		String username = authentication.getName().strip();
		String accountField = (authentication.getDetails() instanceof LoginDetails details) ? details.account() : "";
		String source = (authentication.getDetails() instanceof LoginDetails details) ? details.source() : "unknown";
		refuseIfThrottled(this.sourceFailures.retryAfterSeconds(source));
		Optional<Account> account = findAccount(accountField);
		PrincipalRef principal = null;
		String hash = this.decoyHash;
		if (account.isPresent() && username.isEmpty()) {
			principal = PrincipalRef.root(account.get().id());
			hash = account.get().passwordHash();
		}
		else if (account.isPresent()) {
			Optional<IamUser> user = this.users.find(account.get().id(), username);
			if (user.isPresent()) {
				principal = user.get().principal();
				hash = user.get().passwordHash();
			}
		}
		// the same for names that exist and made-up ones, so the throttle tells nothing
		// about which is which
		String loginName = source + " "
				+ digest(account.map((a) -> a.id().value()).orElse(accountField.toLowerCase(Locale.ROOT)) + "/"
						+ username.toLowerCase(Locale.ROOT));
		refuseIfThrottled(this.nameFailures.retryAfterSeconds(loginName));
		// longer than any accepted password: wrong without hashing (its length is no
		// secret)
		boolean matches = !PasswordRules.isTooLong(password) && this.passwordEncoder.matches(password, hash);
		if (principal == null || !matches) {
			this.sourceFailures.spend(source);
			this.nameFailures.failed(loginName);
			throw new BadCredentialsException("Bad credentials");
		}
		this.nameFailures.succeeded(loginName);
		upgradeHash(account.get(), username, hash, password);
		// The password factor, with the time it was proven: the ID token's auth_time
		// comes from it
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken
			.authenticated(new PersonPrincipal(principal), null, List.of(new SimpleGrantedAuthority("ROLE_PERSON"),
					FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
		result.setDetails(authentication.getDetails());
		return result;
	}

	/** A key of fixed length, whatever the form carries. */
	private static String digest(String loginName) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(loginName.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void refuseIfThrottled(long retryAfterSeconds) {
		if (retryAfterSeconds > 0) {
			throw new LoginThrottledException(retryAfterSeconds);
		}
	}

	/**
	 * A hash of an older kind (BCrypt) becomes Argon2id now that the password is known to
	 * be right.
	 */
	private void upgradeHash(Account account, String username, String hash, String password) {
		if (!this.passwordEncoder.upgradeEncoding(hash)) {
			return;
		}
		String upgraded = this.passwordEncoder.encode(password);
		try {
			if (username.isEmpty()) {
				this.accounts.replacePasswordHash(account.id(), hash, upgraded);
			}
			else {
				this.users.replacePasswordHash(account.id(), username, hash, upgraded);
			}
		}
		catch (DataAccessException ex) {
			// the login stands; the next one tries again
			LOG.warn("Could not store the upgraded password hash of {}: {}", account.id(), ex.getMessage());
		}
	}

	private Optional<Account> findAccount(String field) {
		if (AccountId.isValid(field)) {
			return this.accounts.findById(new AccountId(field));
		}
		if (field.contains("@") && field.length() <= 254) {
			return this.accounts.findByEmail(field);
		}
		return Optional.empty();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
