package org.tessera.oauth.login;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tessera.access.PrincipalRef;
import org.tessera.account.Account;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.lockout.FailedAttempts;
import org.tessera.user.IamUser;
import org.tessera.user.UserRepository;

/**
 * Checks the login form: the account (its id or its root e-mail), then the root user when the
 * username is empty or the IAM user of that name, then the password against its slow hash.
 * Every failure is the same "bad credentials", and an unknown account or user still costs one
 * hash comparison, so neither the answer nor its timing tells which part was wrong. Repeated
 * failures lock the login name for a while ({@link FailedAttempts}), before any hashing.
 */
public final class PersonAuthenticationProvider implements AuthenticationProvider {

	private final AccountRepository accounts;

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final String decoyHash;

	private final FailedAttempts failures;

	public PersonAuthenticationProvider(AccountRepository accounts, UserRepository users,
			PasswordEncoder passwordEncoder, FailedAttempts failures) {
		this.failures = failures;
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
		Optional<Account> account = findAccount(accountField);
		String loginName = "login:" + account.map((a) -> a.id().value()).orElse(accountField.toLowerCase(Locale.ROOT))
				+ "/" + username.toLowerCase(Locale.ROOT);
		if (this.failures.isLocked(loginName)) {
			throw new LockedException("Bad credentials");
		}
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
		boolean matches = this.passwordEncoder.matches(password, hash);
		if (principal == null || !matches) {
			this.failures.failed(loginName, "LoginLockedOut",
					(principal != null) ? principal.crn().toString() : null,
					account.map((a) -> a.id().value()).orElse(null));
			throw new BadCredentialsException("Bad credentials");
		}
		this.failures.succeeded(loginName);
		// The password factor, with the time it was proven: the ID token's auth_time comes from it
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
				new PersonPrincipal(principal), null,
				List.of(new SimpleGrantedAuthority("ROLE_PERSON"),
						FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
		result.setDetails(authentication.getDetails());
		return result;
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
