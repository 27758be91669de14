package org.tessera.account;

import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code account} table. */
@Repository
public class AccountRepository implements AccountLogins {

	private final JdbcClient jdbc;

	public AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the account; throws {@link DuplicateKeyException} when the id or e-mail is
	 * taken.
	 */
	void insert(Account account) {
		this.jdbc.sql("INSERT INTO account (id, email, email_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(account.id().value(), account.email(), emailKey(account.email()), account.passwordHash(),
					Timestamp.from(account.createdAt()))
			.update();
	}

	/**
	 * Replaces the root user's password hash (a rehash of the same password), unless it
	 * changed since {@code oldHash} was read; returns whether it was replaced.
	 */
	@Override
	public boolean replacePasswordHash(AccountId id, String oldHash, String newHash) {
		return this.jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ? AND password_hash = ?")
			.params(newHash, id.value(), oldHash)
			.update() == 1;
	}

	@Override
	public Optional<Account> findById(AccountId id) {
		return this.jdbc.sql("SELECT * FROM account WHERE id = ?").param(id.value()).query(this::map).optional();
	}

	@Override
	public Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("SELECT * FROM account WHERE email_key = ?")
			.param(emailKey(email))
			.query(this::map)
			.optional();
	}

	/**
	 * Locks the account's row until the transaction ends. A creation that must keep the
	 * account within a limit takes this lock before it counts, so concurrent creations
	 * count one after another rather than all seeing room for one more.
	 */
	public void lock(AccountId id) {
		this.jdbc.sql("SELECT id FROM account WHERE id = ? FOR UPDATE")
			.param(id.value())
			.query(String.class)
			.optional();
	}

	public boolean exists(AccountId id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE id = ?")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	private Account map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Account(new AccountId(rs.getString("id")), rs.getString("email"), rs.getString("password_hash"),
				rs.getTimestamp("created_at").toInstant());
	}

	static String emailKey(String email) {
		return email.toLowerCase(Locale.ROOT);
	}

}
