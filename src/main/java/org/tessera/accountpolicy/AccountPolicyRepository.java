package org.tessera.accountpolicy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tessera.account.AccountId;
import org.tessera.policy.PolicyDocument;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;

import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for the {@code account_policy} table; statements are stored as their JSON array.
 */
@Repository
class AccountPolicyRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final PolicyParser parser;

	AccountPolicyRepository(JdbcClient jdbc, JsonMapper json, PolicyParser parser) {
		this.jdbc = jdbc;
		this.json = json;
		this.parser = parser;
	}

	void insert(StoredPolicy policy) {
		this.jdbc.sql("""
				INSERT INTO account_policy (account_id, name, name_key, description, statements, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(policy.account().value(), policy.document().name(), ManagedPolicies.key(policy.document().name()),
					policy.document().description(), toJson(policy.document().statements()),
					Timestamp.from(policy.createdAt()), Timestamp.from(policy.updatedAt()))
			.update();
	}

	boolean update(AccountId account, PolicyDocument document, Instant now) {
		return this.jdbc.sql("""
				UPDATE account_policy SET description = ?, statements = ?, updated_at = ?
				WHERE account_id = ? AND name_key = ?""")
			.params(document.description(), toJson(document.statements()), Timestamp.from(now), account.value(),
					ManagedPolicies.key(document.name()))
			.update() == 1;
	}

	boolean delete(AccountId account, String name) {
		return this.jdbc.sql("DELETE FROM account_policy WHERE account_id = ? AND name_key = ?")
			.params(account.value(), ManagedPolicies.key(name))
			.update() == 1;
	}

	/**
	 * The policy's name as created, its row locked until the transaction ends; empty when
	 * there is none.
	 */
	Optional<String> lockForUpdate(AccountId account, String name) {
		return this.jdbc.sql("SELECT name FROM account_policy WHERE account_id = ? AND name_key = ? FOR UPDATE")
			.params(account.value(), ManagedPolicies.key(name))
			.query(String.class)
			.optional();
	}

	Optional<StoredPolicy> find(AccountId account, String name) {
		return this.jdbc.sql("SELECT * FROM account_policy WHERE account_id = ? AND name_key = ?")
			.params(account.value(), ManagedPolicies.key(name))
			.query(this::map)
			.optional();
	}

	List<StoredPolicy> findAll(AccountId account, Collection<String> nameKeys) {
		if (nameKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT * FROM account_policy WHERE account_id = :account AND name_key IN (:keys)")
			.param("account", account.value())
			.param("keys", nameKeys)
			.query(this::map)
			.list();
	}

	List<StoredPolicy> page(AccountId account, String afterKey, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM account_policy WHERE account_id = ? AND name_key > ?
				ORDER BY name_key FETCH FIRST ? ROWS ONLY""")
			.params(account.value(), afterKey, limit)
			.query(this::map)
			.list();
	}

	long count(AccountId account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account_policy WHERE account_id = ?")
			.param(account.value())
			.query(Long.class)
			.single();
	}

	private String toJson(List<Statement> statements) {
		return this.json.writeValueAsString(statements.stream().map(Statement::toJson).toList());
	}

	private StoredPolicy map(ResultSet rs, int row) throws SQLException {
		List<Statement> statements = this.parser
			.parseStatements(this.json.readValue(rs.getString("statements"), Object.class), "statements");
		PolicyDocument document = new PolicyDocument(rs.getString("name"), rs.getString("description"), statements);
		return new StoredPolicy(new AccountId(rs.getString("account_id")), document,
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
