package org.tessera.oauth.login;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.account.Account;
import org.tessera.account.AccountId;
import org.tessera.account.AccountLogins;
import org.tessera.throttle.Throttles;
import org.tessera.user.IamUser;
import org.tessera.user.UserLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The login form's check without a server: accounts and users in maps, a real (fast)
 * BCrypt counted as it compares, real throttles. Every failure is the same bad
 * credentials and costs one hash comparison; a throttled login costs none.
 */
class PersonAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final AccountId ACME = new AccountId("123456789012");

	private static final String ROOT_PASSWORD = "root-password-1";

	private static final String ALICE_PASSWORD = "alice-password-1";

	private final CountingEncoder encoder = new CountingEncoder(new BCryptPasswordEncoder(4));

	private final Accounts accounts = new Accounts();

	private final Users users = new Users();

	@Test
	void theRootUserLogsInByAccountIdWithAnEmptyUsername() {
		PersonAuthenticationProvider provider = provider(20, 5);
		this.accounts.add(new Account(ACME, "root@acme.example", this.encoder.encode(ROOT_PASSWORD), NOW));

		Authentication login = provider.authenticate(login(ACME.value(), "", ROOT_PASSWORD, "10.0.0.1"));

		assertThat(login.isAuthenticated()).isTrue();
		assertThat(login.getPrincipal()).isEqualTo(new PersonPrincipal(PrincipalRef.root(ACME)));
		assertThat(login.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_PERSON");
		assertThat(login.getDetails()).isInstanceOf(LoginDetails.class);
	}

	@Test
	void theRootUserLogsInByTheAccountsEmailInAnyCase() {
		PersonAuthenticationProvider provider = provider(20, 5);
		this.accounts.add(new Account(ACME, "root@acme.example", this.encoder.encode(ROOT_PASSWORD), NOW));

		Authentication login = provider.authenticate(login("Root@Acme.Example", "", ROOT_PASSWORD, "10.0.0.1"));

		assertThat(login.getPrincipal()).isEqualTo(new PersonPrincipal(PrincipalRef.root(ACME)));
	}

	@Test
	void anIamUserLogsInByAccountUsernameAndPassword() {
		PersonAuthenticationProvider provider = provider(20, 5);
		aliceOfAcme();

		Authentication login = provider.authenticate(login(ACME.value(), " alice ", ALICE_PASSWORD, "10.0.0.1"));

		assertThat(login.getPrincipal()).isEqualTo(new PersonPrincipal(PrincipalRef.user(ACME, "alice")));
	}

	@Test
	void aWrongPasswordIsBadCredentialsAfterOneComparisonWithTheUsersHash() {
		PersonAuthenticationProvider provider = provider(20, 5);
		String hash = aliceOfAcme();

		assertBadCredentials(provider, login(ACME.value(), "alice", "not-her-password", "10.0.0.1"));

		assertThat(this.encoder.compared).containsExactly(hash);
	}

	@Test
	void theRootPasswordDoesNotLogInAnIamUser() {
		PersonAuthenticationProvider provider = provider(20, 5);
		aliceOfAcme();

		assertBadCredentials(provider, login(ACME.value(), "alice", ROOT_PASSWORD, "10.0.0.1"));
	}

	@Test
	void anUnknownAccountIsBadCredentialsAndStillCostsOneComparisonWithADecoyHash() {
		PersonAuthenticationProvider provider = provider(20, 5);
		String decoy = this.encoder.encoded.get(0);
		aliceOfAcme();

		assertBadCredentials(provider, login("999999999999", "", ROOT_PASSWORD, "10.0.0.1"));
		assertBadCredentials(provider, login("nobody@acme.example", "alice", ALICE_PASSWORD, "10.0.0.1"));
		assertBadCredentials(provider, login("neither an id nor an e-mail", "alice", ALICE_PASSWORD, "10.0.0.1"));

		assertThat(this.encoder.compared).containsExactly(decoy, decoy, decoy);
	}

	@Test
	void anUnknownUserOfAKnownAccountIsBadCredentialsAndStillCostsOneComparisonWithADecoyHash() {
		PersonAuthenticationProvider provider = provider(20, 5);
		String decoy = this.encoder.encoded.get(0);
		aliceOfAcme();

		assertBadCredentials(provider, login(ACME.value(), "bob", ALICE_PASSWORD, "10.0.0.1"));

		assertThat(this.encoder.compared).containsExactly(decoy);
	}

	@Test
	void aPasswordLongerThanAnyAcceptedIsBadCredentialsWithoutHashing() {
		PersonAuthenticationProvider provider = provider(20, 5);
		aliceOfAcme();

		assertBadCredentials(provider, login(ACME.value(), "alice", "p".repeat(129), "10.0.0.1"));

		assertThat(this.encoder.compared).isEmpty();
	}

	@Test
	void aSourceThatSpentItsFailureBudgetIsThrottledBeforeAnyHashingWhileAnotherSourceLogsIn() {
		PersonAuthenticationProvider provider = provider(3, 100);
		String hash = aliceOfAcme();
		for (String name : List.of("bob", "carol", "dave")) {
			assertBadCredentials(provider, login(ACME.value(), name, "guess", "10.0.0.1"));
		}
		this.encoder.compared.clear();

		LoginThrottledException throttled = catchThrowableOfType(LoginThrottledException.class,
				() -> provider.authenticate(login(ACME.value(), "alice", ALICE_PASSWORD, "10.0.0.1")));

		assertThat(throttled).isNotNull();
		assertThat(throttled.retryAfterSeconds()).isPositive();
		assertThat(this.encoder.compared).isEmpty();
		assertThat(provider.authenticate(login(ACME.value(), "alice", ALICE_PASSWORD, "10.0.0.2")).isAuthenticated())
			.isTrue();
		assertThat(this.encoder.compared).containsExactly(hash);
	}

	@Test
	void aLoginNameThatFailedTooOftenFromASourceWaitsThereButNotFromAnotherSource() {
		PersonAuthenticationProvider provider = provider(100, 2);
		aliceOfAcme();
		for (int i = 0; i < 3; i++) {
			assertBadCredentials(provider, login(ACME.value(), "alice", "guess-" + i, "10.0.0.1"));
		}
		this.encoder.compared.clear();

		LoginThrottledException throttled = catchThrowableOfType(LoginThrottledException.class,
				() -> provider.authenticate(login(ACME.value(), "Alice", ALICE_PASSWORD, "10.0.0.1")));

		assertThat(throttled).isNotNull();
		assertThat(this.encoder.compared).isEmpty();
		assertThat(provider.authenticate(login(ACME.value(), "alice", ALICE_PASSWORD, "10.0.0.2")).isAuthenticated())
			.isTrue();
	}

	@Test
	void aHashOfAnOlderKindIsReplacedAfterItsFirstSuccessfulLogin() {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		PasswordEncoder encoder = new DelegatingPasswordEncoder("new", Map.of("new", bcrypt, "old", bcrypt));
		PersonAuthenticationProvider provider = new PersonAuthenticationProvider(this.accounts, this.users, encoder,
				new Throttles(properties(20, 5), Clock.fixed(NOW, ZoneOffset.UTC)));
		this.users.add(new IamUser(ACME, "alice", "{old}" + bcrypt.encode(ALICE_PASSWORD), NOW));
		this.accounts.add(new Account(ACME, "root@acme.example", "{new}" + bcrypt.encode(ROOT_PASSWORD), NOW));

		provider.authenticate(login(ACME.value(), "alice", ALICE_PASSWORD, "10.0.0.1"));
		provider.authenticate(login(ACME.value(), "", ROOT_PASSWORD, "10.0.0.1"));

		assertThat(this.users.find(ACME, "alice").orElseThrow().passwordHash()).startsWith("{new}");
		assertThat(this.users.replaced).isEqualTo(1);
		assertThat(this.accounts.replaced).isZero();
	}

	private String aliceOfAcme() {
		this.accounts.add(new Account(ACME, "root@acme.example", this.encoder.encode(ROOT_PASSWORD), NOW));
		String hash = this.encoder.encode(ALICE_PASSWORD);
		this.users.add(new IamUser(ACME, "alice", hash, NOW));
		this.encoder.compared.clear();
		return hash;
	}

	private static void assertBadCredentials(PersonAuthenticationProvider provider, Authentication login) {
		BadCredentialsException refusal = catchThrowableOfType(BadCredentialsException.class,
				() -> provider.authenticate(login));
		assertThat(refusal).isNotNull();
		assertThat(refusal.getMessage()).isEqualTo("Bad credentials");
	}

	private PersonAuthenticationProvider provider(int sourceFailureBurst, int freeFailuresPerName) {
		return new PersonAuthenticationProvider(this.accounts, this.users, this.encoder,
				new Throttles(properties(sourceFailureBurst, freeFailuresPerName), Clock.fixed(NOW, ZoneOffset.UTC)));
	}

	private static Authentication login(String account, String username, String password, String source) {
		MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
		form.setParameter("account", account);
		UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.unauthenticated(username,
				password);
		login.setDetails(new LoginDetails(form, source));
		return login;
	}

	private static TesseraProperties properties(int sourceFailureBurst, int freeFailuresPerName) {
		TesseraProperties.Throttle throttle = new TesseraProperties.Throttle(List.of(), 50, Duration.ofSeconds(1),
				sourceFailureBurst, Duration.ofMinutes(10), freeFailuresPerName, Duration.ofMinutes(15), 10,
				Duration.ofMinutes(6), 1000);
		return new TesseraProperties(Path.of("."), "http://localhost", null, null, null, null, null, throttle, null,
				null);
	}

	/** A real encoder that remembers what it made and which hashes it compared with. */
	private static final class CountingEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private final List<String> encoded = new ArrayList<>();

		private final List<String> compared = new ArrayList<>();

		CountingEncoder(PasswordEncoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			String hash = this.delegate.encode(rawPassword);
			this.encoded.add(hash);
			return hash;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.compared.add(encodedPassword);
			return this.delegate.matches(rawPassword, encodedPassword);
		}

	}

	/** Accounts in a map, e-mails compared without case as the store does. */
	private static final class Accounts implements AccountLogins {

		private final Map<AccountId, Account> accounts = new HashMap<>();

		private int replaced;

		void add(Account account) {
			this.accounts.put(account.id(), account);
		}

		@Override
		public Optional<Account> findById(AccountId id) {
			return Optional.ofNullable(this.accounts.get(id));
		}

		@Override
		public Optional<Account> findByEmail(String email) {
			return this.accounts.values().stream().filter((a) -> a.email().equalsIgnoreCase(email)).findFirst();
		}

		@Override
		public boolean replacePasswordHash(AccountId id, String oldHash, String newHash) {
			Account account = this.accounts.get(id);
			if (account == null || !account.passwordHash().equals(oldHash)) {
				return false;
			}
			this.accounts.put(id, new Account(id, account.email(), newHash, account.createdAt()));
			this.replaced++;
			return true;
		}

	}

	/** IAM users in a map, names compared without case as the store does. */
	private static final class Users implements UserLogins {

		private final Map<String, IamUser> users = new HashMap<>();

		private int replaced;

		void add(IamUser user) {
			this.users.put(key(user.account(), user.name()), user);
		}

		@Override
		public Optional<IamUser> find(AccountId account, String name) {
			return Optional.ofNullable(this.users.get(key(account, name)));
		}

		@Override
		public boolean replacePasswordHash(AccountId account, String name, String oldHash, String newHash) {
			IamUser user = this.users.get(key(account, name));
			if (user == null || !user.passwordHash().equals(oldHash)) {
				return false;
			}
			this.users.put(key(account, name), new IamUser(account, user.name(), newHash, user.createdAt()));
			this.replaced++;
			return true;
		}

		private static String key(AccountId account, String name) {
			return account.value() + "/" + name.toLowerCase(Locale.ROOT);
		}

	}

}
