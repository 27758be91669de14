package org.tessera.serviceaccount;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tessera.account.AccountId;

/** SQL for service accounts, their trust lists and their client secrets. */
@Repository
class ServiceAccountRepository {

	private static final String COLUMNS = "id, account_id, name, description, enabled, deleted_at, created_at, last_used_at, version,"
			+ " last_deactivated_at, max_session_seconds";

	private final JdbcClient jdbc;

	ServiceAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ServiceAccount sa) {
		this.jdbc.sql("""
				INSERT INTO service_account (id, account_id, name, live_name_key, description, enabled, created_at,
				    max_session_seconds)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(sa.id(), sa.account().value(), sa.name(), key(sa.name()), sa.description(), sa.enabled(),
					Timestamp.from(sa.createdAt()), sa.maxSessionDuration().toSeconds())
			.update();
		replaceTrust(sa.id(), sa.trust());
	}

	/** The service account with its trust list, deleted or not. */
	Optional<ServiceAccount> find(String id) {
		List<ServiceAccount> found = this.jdbc.sql("SELECT " + COLUMNS + " FROM service_account WHERE id = ?")
			.param(id)
			.query(this::map)
			.list();
		return withTrust(found).stream().findFirst();
	}

	List<ServiceAccount> page(AccountId account, String afterId, int limit, @Nullable Instant unusedSince,
			boolean withDeleted) {
		String unused = (unusedSince != null) ? " AND (last_used_at IS NULL OR last_used_at < :since)" : "";
		String live = withDeleted ? "" : " AND deleted_at IS NULL";
		List<ServiceAccount> rows = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM service_account WHERE account_id = :account" + live + " AND id > :after"
					+ unused + " ORDER BY id FETCH FIRST :limit ROWS ONLY")
			.param("account", account.value())
			.param("after", afterId)
			.param("limit", limit)
			.param("since", (unusedSince != null) ? Timestamp.from(unusedSince) : null)
			.query(this::map)
			.list();
		return withTrust(rows);
	}

	long countLive(AccountId account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM service_account WHERE account_id = ? AND deleted_at IS NULL")
			.param(account.value())
			.query(Long.class)
			.single();
	}

	/**
	 * Locks the row until the transaction ends, so changes to one service account run one
	 * after another; false when there is no such row (purged meanwhile).
	 */
	boolean lockForUpdate(String id) {
		return this.jdbc.sql("SELECT version FROM service_account WHERE id = ? FOR UPDATE")
			.param(id)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	void bumpVersion(String id) {
		this.jdbc.sql("UPDATE service_account SET version = version + 1 WHERE id = ?").param(id).update();
	}

	boolean updateDescription(String id, String description) {
		return this.jdbc.sql("UPDATE service_account SET description = ? WHERE id = ?")
			.params(description, id)
			.update() == 1;
	}

	void replaceTrust(String id, Collection<TrustEntry> entries) {
		this.jdbc.sql("DELETE FROM service_account_trust WHERE service_account_id = ?").param(id).update();
		for (TrustEntry entry : entries) {
			this.jdbc.sql("""
					INSERT INTO service_account_trust (service_account_id, trusted_account_id, external_id, principals,
					    max_session_seconds)
					VALUES (?, ?, ?, ?, ?)""")
				.params(id, entry.account().value(), entry.externalId(),
						entry.principals().isEmpty() ? null : String.join("\n", entry.principals()),
						(entry.maxSessionDuration() != null) ? entry.maxSessionDuration().toSeconds() : null)
				.update();
		}
	}

	boolean updateMaxSessionDuration(String id, Duration duration) {
		return this.jdbc.sql("UPDATE service_account SET max_session_seconds = ? WHERE id = ?")
			.params(duration.toSeconds(), id)
			.update() == 1;
	}

	void insertSecret(ClientSecret secret) {
		this.jdbc.sql("""
				INSERT INTO service_account_secret (id, service_account_id, secret_hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(secret.id(), secret.serviceAccountId(), secret.hash(), Timestamp.from(secret.createdAt()),
					(secret.expiresAt() != null) ? Timestamp.from(secret.expiresAt()) : null)
			.update();
	}

	List<ClientSecret> secretsOf(String serviceAccountId) {
		return this.jdbc
			.sql("SELECT * FROM service_account_secret WHERE service_account_id = ? ORDER BY created_at, id")
			.param(serviceAccountId)
			.query((rs, row) -> new ClientSecret(rs.getString("id"), rs.getString("service_account_id"),
					rs.getString("secret_hash"), instant(rs, "created_at"), instant(rs, "expires_at"),
					instant(rs, "last_used_at")))
			.list();
	}

	int deleteSecret(String serviceAccountId, String secretId) {
		return this.jdbc.sql("DELETE FROM service_account_secret WHERE service_account_id = ? AND id = ?")
			.params(serviceAccountId, secretId)
			.update();
	}

	void insertKey(ServiceAccountKey key) {
		this.jdbc.sql("""
				INSERT INTO service_account_key
				    (id, service_account_id, algorithm, public_jwk, created_at, expires_at, disabled)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(key.id(), key.serviceAccountId(), key.algorithm(), key.publicKey().toJSONString(),
					Timestamp.from(key.createdAt()), (key.expiresAt() != null) ? Timestamp.from(key.expiresAt()) : null,
					key.disabled())
			.update();
	}

	List<ServiceAccountKey> keysOf(String serviceAccountId) {
		return this.jdbc.sql("SELECT * FROM service_account_key WHERE service_account_id = ? ORDER BY created_at, id")
			.param(serviceAccountId)
			.query((rs, row) -> new ServiceAccountKey(rs.getString("id"), rs.getString("service_account_id"),
					rs.getString("algorithm"), parseJwk(rs.getString("public_jwk")), instant(rs, "created_at"),
					instant(rs, "last_used_at"), instant(rs, "expires_at"), rs.getBoolean("disabled")))
			.list();
	}

	/** Disables or enables a key; the number of keys changed (0 or 1). */
	int setKeyDisabled(String serviceAccountId, String keyId, boolean disabled) {
		return this.jdbc.sql("UPDATE service_account_key SET disabled = ? WHERE service_account_id = ? AND id = ?")
			.params(disabled, serviceAccountId, keyId)
			.update();
	}

	int deleteKey(String serviceAccountId, String keyId) {
		return this.jdbc.sql("DELETE FROM service_account_key WHERE service_account_id = ? AND id = ?")
			.params(serviceAccountId, keyId)
			.update();
	}

	void enable(String id) {
		this.jdbc.sql("UPDATE service_account SET enabled = TRUE WHERE id = ?").param(id).update();
	}

	/**
	 * Disables the service account and records when, so that its tokens of before never
	 * come back.
	 */
	void disable(String id, Instant at) {
		this.jdbc.sql("UPDATE service_account SET enabled = FALSE, last_deactivated_at = ? WHERE id = ?")
			.params(Timestamp.from(at), id)
			.update();
	}

	/**
	 * Hides the service account, frees its name for a new one, and records when, so that
	 * its tokens of before never come back.
	 */
	void markDeleted(String id, Instant at) {
		this.jdbc.sql("""
				UPDATE service_account SET deleted_at = ?, last_deactivated_at = ?, live_name_key = NULL
				WHERE id = ?""").params(Timestamp.from(at), Timestamp.from(at), id).update();
	}

	/**
	 * Brings a deleted service account back; throws DuplicateKeyException when its name
	 * was taken meanwhile.
	 */
	void restore(ServiceAccount sa) {
		this.jdbc.sql("UPDATE service_account SET deleted_at = NULL, live_name_key = ? WHERE id = ?")
			.params(key(sa.name()), sa.id())
			.update();
	}

	/** Ids of service accounts deleted before {@code cutoff}, due for purging. */
	List<ServiceAccount> deletedBefore(Instant cutoff) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM service_account WHERE deleted_at < ?")
			.param(Timestamp.from(cutoff))
			.query(this::map)
			.list();
	}

	/**
	 * Removes the row for good (trust, secrets and keys go with it) if it is still
	 * deleted since before {@code cutoff}; false when an undelete came first. The id
	 * stays unusable: ids are 130 random bits, and an id is never generated twice in
	 * practice.
	 */
	boolean purge(String id, Instant cutoff) {
		return this.jdbc.sql("DELETE FROM service_account WHERE id = ? AND deleted_at < ?")
			.params(id, Timestamp.from(cutoff))
			.update() == 1;
	}

	/** Writes coalesced last-use times; a time never moves backwards. */
	void recordUse(String table, String id, Instant at) {
		this.jdbc
			.sql("UPDATE " + table
					+ " SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(Timestamp.from(at), id, Timestamp.from(at))
			.update();
	}

	private static com.nimbusds.jose.jwk.JWK parseJwk(String json) {
		try {
			return com.nimbusds.jose.jwk.JWK.parse(json);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("a stored service account key is not a JWK", ex);
		}
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * The service accounts with their trust lists, read in one query however many there
	 * are (a list page): the trust table's primary key leads with the service account id,
	 * so the IN list is looked up in it.
	 */
	private List<ServiceAccount> withTrust(List<ServiceAccount> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<String, List<TrustEntry>> trusted = this.jdbc.sql("""
				SELECT service_account_id, trusted_account_id, external_id, principals, max_session_seconds
				FROM service_account_trust
				WHERE service_account_id IN (:ids) ORDER BY service_account_id, trusted_account_id""")
			.param("ids", rows.stream().map(ServiceAccount::id).toList())
			.query((rs, row) -> Map.entry(rs.getString(1), trustEntry(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map((sa) -> new ServiceAccount(sa.id(), sa.account(), sa.name(), sa.description(), sa.enabled(),
					sa.deletedAt(), sa.createdAt(), sa.lastUsedAt(), trusted.getOrDefault(sa.id(), List.of()),
					sa.version(), sa.lastDeactivatedAt(), sa.maxSessionDuration()))
			.toList();
	}

	private static TrustEntry trustEntry(ResultSet rs) throws SQLException {
		String principals = rs.getString("principals");
		int seconds = rs.getInt("max_session_seconds");
		Duration max = rs.wasNull() ? null : Duration.ofSeconds(seconds);
		return new TrustEntry(new AccountId(rs.getString("trusted_account_id")), rs.getString("external_id"),
				(principals == null) ? List.of() : List.of(principals.split("\n")), max);
	}

	private ServiceAccount map(ResultSet rs, int row) throws SQLException {
		return new ServiceAccount(rs.getString("id"), new AccountId(rs.getString("account_id")), rs.getString("name"),
				rs.getString("description"), rs.getBoolean("enabled"), instant(rs, "deleted_at"),
				instant(rs, "created_at"), instant(rs, "last_used_at"), List.<TrustEntry>of(), rs.getLong("version"),
				instant(rs, "last_deactivated_at"), Duration.ofSeconds(rs.getLong("max_session_seconds")));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
