package org.tessera.accountpolicy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tessera.account.AccountId;

/**
 * The {@code account_guardrail} table: which account policies are guardrails of their
 * account.
 */
@Repository
class GuardrailRepository {

	private final JdbcClient jdbc;

	GuardrailRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether it was not a guardrail before. */
	boolean add(AccountId account, String policyKey, Instant at) {
		if (contains(account, policyKey)) {
			return false;
		}
		this.jdbc.sql("INSERT INTO account_guardrail (account_id, policy_key, attached_at) VALUES (?, ?, ?)")
			.params(account.value(), policyKey, Timestamp.from(at))
			.update();
		return true;
	}

	boolean remove(AccountId account, String policyKey) {
		return this.jdbc.sql("DELETE FROM account_guardrail WHERE account_id = ? AND policy_key = ?")
			.params(account.value(), policyKey)
			.update() > 0;
	}

	boolean contains(AccountId account, String policyKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account_guardrail WHERE account_id = ? AND policy_key = ?")
			.params(account.value(), policyKey)
			.query(Long.class)
			.single() > 0;
	}

	/** The keys of the account's guardrails, in key order. */
	List<String> of(AccountId account) {
		return this.jdbc.sql("SELECT policy_key FROM account_guardrail WHERE account_id = ? ORDER BY policy_key")
			.param(account.value())
			.query(String.class)
			.list();
	}

}
