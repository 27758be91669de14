package org.tessera.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tessera.account.AccountId;

/** SQL for {@code iam_user}; names are unique per account case-insensitively. */
@Repository
public class UserRepository implements UserLogins {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(IamUser user) {
		this.jdbc
			.sql("INSERT INTO iam_user (account_id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(user.account().value(), user.name(), key(user.name()), user.passwordHash(),
					Timestamp.from(user.createdAt()))
			.update();
	}

	@Override
	public Optional<IamUser> find(AccountId account, String name) {
		return this.jdbc.sql("SELECT * FROM iam_user WHERE account_id = ? AND name_key = ?")
			.params(account.value(), key(name))
			.query(this::map)
			.optional();
	}

	/**
	 * Replaces the user's password hash (a rehash of the same password), unless it
	 * changed since {@code oldHash} was read; returns whether it was replaced.
	 */
	@Override
	public boolean replacePasswordHash(AccountId account, String name, String oldHash, String newHash) {
		return this.jdbc
			.sql("UPDATE iam_user SET password_hash = ? WHERE account_id = ? AND name_key = ? AND password_hash = ?")
			.params(newHash, account.value(), key(name), oldHash)
			.update() == 1;
	}

	/**
	 * The user, its row locked until the transaction ends; empty when there is none (any
	 * more).
	 */
	Optional<IamUser> findForUpdate(AccountId account, String name) {
		return this.jdbc.sql("SELECT * FROM iam_user WHERE account_id = ? AND name_key = ? FOR UPDATE")
			.params(account.value(), key(name))
			.query(this::map)
			.optional();
	}

	List<IamUser> page(AccountId account, String afterKey, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM iam_user WHERE account_id = ? AND name_key > ?
				ORDER BY name_key FETCH FIRST ? ROWS ONLY""")
			.params(account.value(), afterKey, limit)
			.query(this::map)
			.list();
	}

	long count(AccountId account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM iam_user WHERE account_id = ?")
			.param(account.value())
			.query(Long.class)
			.single();
	}

	/**
	 * Deletes the user and remembers when, so tokens issued to the name until now stay
	 * dead.
	 */
	boolean delete(AccountId account, String name, Instant now) {
		this.jdbc
			.sql("""
					MERGE INTO deleted_user d
					USING (SELECT CAST(? AS VARCHAR(20)) AS account_id, CAST(? AS VARCHAR(64)) AS name_key,
					              CAST(? AS TIMESTAMP WITH TIME ZONE) AS deleted_at) n
					ON d.account_id = n.account_id AND d.name_key = n.name_key
					WHEN MATCHED THEN UPDATE SET deleted_at = n.deleted_at
					WHEN NOT MATCHED THEN INSERT (account_id, name_key, deleted_at) VALUES (n.account_id, n.name_key, n.deleted_at)""")
			.params(account.value(), key(name), Timestamp.from(now))
			.update();
		return this.jdbc.sql("DELETE FROM iam_user WHERE account_id = ? AND name_key = ?")
			.params(account.value(), key(name))
			.update() == 1;
	}

	/** When a user of this name was last deleted, if ever. */
	public Optional<Instant> lastDeleted(AccountId account, String name) {
		return this.jdbc.sql("SELECT deleted_at FROM deleted_user WHERE account_id = ? AND name_key = ?")
			.params(account.value(), key(name))
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private IamUser map(ResultSet rs, int row) throws SQLException {
		return new IamUser(new AccountId(rs.getString("account_id")), rs.getString("name"),
				rs.getString("password_hash"), rs.getTimestamp("created_at").toInstant());
	}

}
