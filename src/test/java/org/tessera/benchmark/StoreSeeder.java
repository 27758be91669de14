package org.tessera.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.policy.Effect;
import org.tessera.policy.Statement;
import org.tessera.serviceaccount.ServiceAccountLifecycle;
import org.tessera.support.Http;
import org.tessera.support.Tessera;
import org.tessera.user.UserService;

/**
 * Fills a stopped authorization server's H2 database with a large store: accounts,
 * service accounts with a secret each and two policies attached, account policies, users
 * and the audit events of the creations, written row for row as the repositories write
 * them (policy statements are {@link Statement#toJson()} as JSON). Through the API,
 * 100,000 creations would take longer than the benchmark itself. No account exceeds the
 * limits the API enforces; the given {@code big} account is filled up to them, so that
 * its lists have many pages.
 */
final class StoreSeeder {

	private static final int SERVICE_ACCOUNTS_PER_ACCOUNT = 100;

	private static final int ATTACHED_PER_SERVICE_ACCOUNT = 2;

	private static final int AUDIT_BATCH = 5_000;

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final Connection db;

	private final Random random = new SecureRandom();

	private final String passwordHash = new BCryptPasswordEncoder().encode(Tessera.PASSWORD);

	private final Instant start = Instant.now().minus(Duration.ofDays(30));

	private final List<AuditRow> audit = new ArrayList<>();

	private int attachments;

	private StoreSeeder(Connection db) {
		this.db = db;
	}

	/** What is in the store after seeding, and what the big account's lists must show. */
	record Seeded(long accounts, long serviceAccounts, long policies, long attachments, long users, long auditEvents,
			Counts big, Duration took) {
	}

	/** Rows one account's list endpoints must return. */
	record Counts(long serviceAccounts, long policies, long users, long auditEvents) {
	}

	private record AuditRow(String account, String serviceAccount) {
	}

	/**
	 * Seeds until the store holds {@code serviceAccounts} service accounts and
	 * {@code policies} account policies in all, the big account as many as it may hold,
	 * the rest spread evenly over new accounts of {@value #SERVICE_ACCOUNTS_PER_ACCOUNT}
	 * service accounts each.
	 */
	static Seeded seed(Path dataDir, String big, int serviceAccounts, int policies) throws SQLException, IOException {
		long started = System.nanoTime();
		try (Connection db = open(dataDir)) {
			db.setAutoCommit(false);
			StoreSeeder seeder = new StoreSeeder(db);
			seeder.fill(big, serviceAccounts, policies);
			return new Seeded(seeder.count("SELECT COUNT(*) FROM account"),
					seeder.count("SELECT COUNT(*) FROM service_account"),
					seeder.count("SELECT COUNT(*) FROM account_policy"),
					seeder.count("SELECT COUNT(*) FROM policy_attachment"),
					seeder.count("SELECT COUNT(*) FROM iam_user"), seeder.count("SELECT COUNT(*) FROM audit_event"),
					seeder.counts(big), Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * The application's own JDBC URL and credentials (application.properties), on
	 * {@code dataDir}.
	 */
	private static Connection open(Path dataDir) throws SQLException, IOException {
		Properties application = new Properties();
		try (InputStream in = StoreSeeder.class.getResourceAsStream("/application.properties")) {
			application.load(in);
		}
		String url = application.getProperty("spring.datasource.url")
			.replace("${tessera.data-dir}", dataDir.toAbsolutePath().toString());
		return DriverManager.getConnection(url, application.getProperty("spring.datasource.username"),
				application.getProperty("spring.datasource.password"));
	}

	private void fill(String big, int serviceAccounts, int policies) throws SQLException {
		long bigServiceAccounts = Math.min(serviceAccounts, ServiceAccountLifecycle.MAX_SERVICE_ACCOUNTS_PER_ACCOUNT)
				- count("SELECT COUNT(*) FROM service_account WHERE account_id = ?", big);
		long bigPolicies = Math.min(policies, AccountPolicyService.MAX_POLICIES_PER_ACCOUNT)
				- count("SELECT COUNT(*) FROM account_policy WHERE account_id = ?", big);
		long bigUsers = UserService.MAX_USERS_PER_ACCOUNT
				- count("SELECT COUNT(*) FROM iam_user WHERE account_id = ?", big);
		fillAccount(big, (int) bigServiceAccounts, (int) bigPolicies, (int) bigUsers);
		long otherServiceAccounts = serviceAccounts - count("SELECT COUNT(*) FROM service_account");
		long otherPolicies = policies - count("SELECT COUNT(*) FROM account_policy");
		int accounts = (int) Math.max(ceilDiv(otherServiceAccounts, SERVICE_ACCOUNTS_PER_ACCOUNT),
				ceilDiv(otherPolicies, AccountPolicyService.MAX_POLICIES_PER_ACCOUNT));
		Set<String> ids = new HashSet<>(List.of(big));
		for (int i = 0; i < accounts; i++) {
			String account = newAccountId(ids);
			insertAccount(account);
			fillAccount(account, share(otherServiceAccounts, accounts, i), share(otherPolicies, accounts, i), 0);
		}
		insertAudit();
	}

	/**
	 * Policies, service accounts (each with a secret and policies attached) and users of
	 * one account, committed.
	 */
	private void fillAccount(String account, int serviceAccounts, int policies, int users) throws SQLException {
		List<String> policyKeys = insertPolicies(account, policies);
		insertServiceAccounts(account, serviceAccounts, policyKeys);
		insertUsers(account, users, policyKeys);
		this.db.commit();
	}

	private void insertAccount(String account) throws SQLException {
		String email = "seed-" + account + "@example.test";
		try (PreparedStatement insert = this.db.prepareStatement(
				"INSERT INTO account (id, email, email_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
			insert.setString(1, account);
			insert.setString(2, email);
			insert.setString(3, email.toLowerCase(Locale.ROOT));
			insert.setString(4, this.passwordHash);
			insert.setTimestamp(5, Timestamp.from(this.start));
			insert.executeUpdate();
		}
	}

	/**
	 * Account policies named TeamNNNNN, each allowing reads of a team's servers and
	 * denying deletes of its production ones.
	 */
	private List<String> insertPolicies(String account, int count) throws SQLException {
		List<String> keys = new ArrayList<>();
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO account_policy (account_id, name, name_key, description, statements, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
			for (int i = 0; i < count; i++) {
				String name = String.format("Team%05d", i);
				String servers = "crn:vserver:" + account + ":server/team-" + i;
				List<Statement> statements = List.of(
						new Statement(Effect.ALLOW, List.of("vserver:Get*", "vserver:List*"), List.of(servers + "-*")),
						new Statement(Effect.DENY, List.of("vserver:Delete*"), List.of(servers + "-prod-*")));
				insert.setString(1, account);
				insert.setString(2, name);
				insert.setString(3, name.toLowerCase(Locale.ROOT));
				insert.setString(4, "Read access to the servers of team " + i + ".");
				insert.setString(5, Http.JSON.writeValueAsString(statements.stream().map(Statement::toJson).toList()));
				insert.setTimestamp(6, Timestamp.from(this.start));
				insert.setTimestamp(7, Timestamp.from(this.start));
				insert.addBatch();
				keys.add(name.toLowerCase(Locale.ROOT));
			}
			insert.executeBatch();
		}
		return keys;
	}

	private void insertServiceAccounts(String account, int count, List<String> policyKeys) throws SQLException {
		try (PreparedStatement sa = this.db.prepareStatement("""
				INSERT INTO service_account (id, account_id, name, live_name_key, description, enabled, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)"""); PreparedStatement secret = this.db.prepareStatement("""
				INSERT INTO service_account_secret (id, service_account_id, secret_hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, NULL)"""); PreparedStatement attach = attachStatement()) {
			for (int i = 0; i < count; i++) {
				String id = newId("sa-", 26);
				String name = String.format("seeded-%05d", i);
				Timestamp created = Timestamp.from(this.start.plusSeconds(i));
				sa.setString(1, id);
				sa.setString(2, account);
				sa.setString(3, name);
				sa.setString(4, name);
				sa.setString(5, "seeded by ScaleBenchmark");
				sa.setBoolean(6, true);
				sa.setTimestamp(7, created);
				sa.addBatch();
				secret.setString(1, newId("sk-", 16));
				secret.setString(2, id);
				secret.setString(3, hexHash());
				secret.setTimestamp(4, created);
				secret.addBatch();
				for (int k = 0; k < Math.min(ATTACHED_PER_SERVICE_ACCOUNT, policyKeys.size()); k++) {
					addAttachment(attach, account, "service-account", id, policyKeys.get((i + k) % policyKeys.size()));
				}
				this.audit.add(new AuditRow(account, id));
			}
			sa.executeBatch();
			secret.executeBatch();
			attach.executeBatch();
		}
	}

	private void insertUsers(String account, int count, List<String> policyKeys) throws SQLException {
		try (PreparedStatement user = this.db.prepareStatement(
				"INSERT INTO iam_user (account_id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
				PreparedStatement attach = attachStatement()) {
			for (int i = 0; i < count; i++) {
				String name = String.format("User%05d", i);
				user.setString(1, account);
				user.setString(2, name);
				user.setString(3, name.toLowerCase(Locale.ROOT));
				user.setString(4, this.passwordHash);
				user.setTimestamp(5, Timestamp.from(this.start));
				user.addBatch();
				if (!policyKeys.isEmpty()) {
					addAttachment(attach, account, "user", name.toLowerCase(Locale.ROOT),
							policyKeys.get(i % policyKeys.size()));
				}
			}
			user.executeBatch();
			attach.executeBatch();
		}
	}

	private PreparedStatement attachStatement() throws SQLException {
		return this.db.prepareStatement(
				"INSERT INTO policy_attachment (account_id, principal_type, principal_key, policy_key) VALUES (?, ?, ?, ?)");
	}

	private void addAttachment(PreparedStatement attach, String account, String type, String principal, String policy)
			throws SQLException {
		attach.setString(1, account);
		attach.setString(2, type);
		attach.setString(3, principal);
		attach.setString(4, policy);
		attach.addBatch();
		this.attachments++;
	}

	/**
	 * One CreateServiceAccount event per service account, as the API records it, in
	 * shuffled order: any one account's events lie scattered among everyone's, as they
	 * would in a shared store.
	 */
	private void insertAudit() throws SQLException {
		Collections.shuffle(this.audit, this.random);
		try (PreparedStatement insert = this.db.prepareStatement("""
				INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor, actor_account, actor_chain,
				                         target, target_account, client_id)
				VALUES (?, 'CreateServiceAccount', 'ALLOWED', 'ok', ?, ?, '', ?, ?, NULL)""")) {
			for (int i = 0; i < this.audit.size(); i++) {
				AuditRow row = this.audit.get(i);
				insert.setTimestamp(1, Timestamp.from(this.start.plusMillis(i)));
				insert.setString(2, "crn:iam:" + row.account() + ":root");
				insert.setString(3, row.account());
				insert.setString(4, "crn:iam:" + row.account() + ":service-account/" + row.serviceAccount());
				insert.setString(5, row.account());
				insert.addBatch();
				if ((i + 1) % AUDIT_BATCH == 0 || i == this.audit.size() - 1) {
					insert.executeBatch();
					this.db.commit();
				}
			}
		}
	}

	private Counts counts(String account) throws SQLException {
		return new Counts(
				count("SELECT COUNT(*) FROM service_account WHERE account_id = ? AND deleted_at IS NULL", account),
				count("SELECT COUNT(*) FROM account_policy WHERE account_id = ?", account),
				count("SELECT COUNT(*) FROM iam_user WHERE account_id = ?", account),
				count("SELECT COUNT(*) FROM audit_event WHERE actor_account = ?1 OR target_account = ?1", account));
	}

	private long count(String sql, String... params) throws SQLException {
		try (PreparedStatement query = this.db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				query.setString(i + 1, params[i]);
			}
			try (var rs = query.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private String newAccountId(Set<String> taken) {
		String id;
		do {
			id = Long.toString(100_000_000_000L + (long) (this.random.nextDouble() * 900_000_000_000L));
		}
		while (!taken.add(id));
		return id;
	}

	/** The shape of the ids ServiceAccountLifecycle gives out. */
	private String newId(String prefix, int length) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < length; i++) {
			id.append(BASE32[this.random.nextInt(BASE32.length)]);
		}
		return id.toString();
	}

	private String hexHash() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static int share(long total, int parts, int index) {
		return (int) (total / parts + ((index < total % parts) ? 1 : 0));
	}

	private static long ceilDiv(long a, long b) {
		return (a <= 0) ? 0 : (a + b - 1) / b;
	}

}
