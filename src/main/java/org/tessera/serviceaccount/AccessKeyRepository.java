package org.tessera.serviceaccount;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code service_account_access_key} table: one row per access key, its secret only
 * in the sealed form of {@link org.tessera.crypto.SecretBox}.
 */
@Repository
class AccessKeyRepository {

	private final JdbcClient jdbc;

	AccessKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AccessKey key, String sealedSecret) {
		this.jdbc.sql("""
				INSERT INTO service_account_access_key (id, service_account_id, status, sealed_secret, created_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(key.id(), key.serviceAccountId(), key.status().wire(), sealedSecret,
					Timestamp.from(key.createdAt()))
			.update();
	}

	List<AccessKey> of(String serviceAccountId) {
		return this.jdbc
			.sql("SELECT * FROM service_account_access_key WHERE service_account_id = ? ORDER BY created_at, id")
			.param(serviceAccountId)
			.query((rs, row) -> key(rs))
			.list();
	}

	/** The key and its sealed secret, whoever owns it. */
	Optional<Sealed> find(String id) {
		return this.jdbc.sql("SELECT * FROM service_account_access_key WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Sealed(key(rs), rs.getString("sealed_secret")))
			.optional();
	}

	int setStatus(String serviceAccountId, String id, AccessKeyStatus status) {
		return this.jdbc.sql("UPDATE service_account_access_key SET status = ? WHERE service_account_id = ? AND id = ?")
			.params(status.wire(), serviceAccountId, id)
			.update();
	}

	int delete(String serviceAccountId, String id) {
		return this.jdbc.sql("DELETE FROM service_account_access_key WHERE service_account_id = ? AND id = ?")
			.params(serviceAccountId, id)
			.update();
	}

	/** A stored key with its secret as stored. */
	record Sealed(AccessKey key, String sealedSecret) {

		@Override
		public String toString() {
			return "Sealed[" + this.key.id() + "]";
		}

	}

	private static AccessKey key(ResultSet rs) throws SQLException {
		return new AccessKey(rs.getString("id"), rs.getString("service_account_id"),
				AccessKeyStatus.of(rs.getString("status")), instant(rs, "created_at"), instant(rs, "last_used_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

}
