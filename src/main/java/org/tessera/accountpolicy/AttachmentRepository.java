package org.tessera.accountpolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;

/** SQL for {@code policy_attachment}: which policies are attached to which principal. */
@Repository
class AttachmentRepository {

	private final JdbcClient jdbc;

	AttachmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Attaches; returns false when it was attached already. */
	boolean attach(PrincipalRef principal, String policyKey) {
		try {
			return this.jdbc.sql("""
					MERGE INTO policy_attachment a
					USING (SELECT CAST(? AS VARCHAR(20)) AS account_id, CAST(? AS VARCHAR(20)) AS principal_type,
					              CAST(? AS VARCHAR(100)) AS principal_key, CAST(? AS VARCHAR(128)) AS policy_key) n
					ON a.account_id = n.account_id AND a.principal_type = n.principal_type
					   AND a.principal_key = n.principal_key AND a.policy_key = n.policy_key
					WHEN NOT MATCHED THEN INSERT (account_id, principal_type, principal_key, policy_key)
					VALUES (n.account_id, n.principal_type, n.principal_key, n.policy_key)""")
				.params(principal.account().value(), type(principal), principalKey(principal), policyKey)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// attached by a concurrent call meanwhile
			return false;
		}
	}

	boolean detach(PrincipalRef principal, String policyKey) {
		return this.jdbc.sql("""
				DELETE FROM policy_attachment
				WHERE account_id = ? AND principal_type = ? AND principal_key = ? AND policy_key = ?""")
			.params(principal.account().value(), type(principal), principalKey(principal), policyKey)
			.update() == 1;
	}

	void detachAll(PrincipalRef principal) {
		this.jdbc.sql("DELETE FROM policy_attachment WHERE account_id = ? AND principal_type = ? AND principal_key = ?")
			.params(principal.account().value(), type(principal), principalKey(principal))
			.update();
	}

	/** Policy keys attached to the principal, in name order. */
	List<String> policiesOf(PrincipalRef principal) {
		return this.jdbc.sql("""
				SELECT policy_key FROM policy_attachment
				WHERE account_id = ? AND principal_type = ? AND principal_key = ? ORDER BY policy_key""")
			.params(principal.account().value(), type(principal), principalKey(principal))
			.query(String.class)
			.list();
	}

	/**
	 * A policy attached to a principal, with the name of the account policy it names:
	 * null for a managed policy, or for an account policy that is gone.
	 */
	record Attached(PrincipalRef principal, String policyKey, @Nullable String accountPolicyName) {
	}

	/**
	 * The policies attached to each of the principals, by principal then policy key, in
	 * one query however many principals there are (a list page). The principals come as
	 * arrays joined to the primary key, looked up on all its columns: H2 looks an IN list
	 * up only on the first column of an index, and would read every attachment of the
	 * account instead.
	 */
	List<Attached> attachedTo(List<PrincipalRef> principals) {
		if (principals.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT k.n, a.policy_key, p.name
				FROM UNNEST(?, ?, ?) WITH ORDINALITY k(account_id, principal_type, principal_key, n)
				JOIN policy_attachment a ON a.account_id = k.account_id AND a.principal_type = k.principal_type
				                         AND a.principal_key = k.principal_key
				LEFT JOIN account_policy p ON p.account_id = a.account_id AND p.name_key = a.policy_key
				ORDER BY k.n, a.policy_key""")
			.params(column(principals, (p) -> p.account().value()), column(principals, AttachmentRepository::type),
					column(principals, AttachmentRepository::principalKey))
			.query((rs, row) -> new Attached(principals.get(rs.getInt(1) - 1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Principals the policy is attached to, users by their displayed name. */
	List<PrincipalRef> principalsOf(AccountId account, String policyKey) {
		return this.jdbc.sql("""
				SELECT a.principal_type, COALESCE(u.name, a.principal_key) AS id FROM policy_attachment a
				LEFT JOIN iam_user u ON a.principal_type = 'user' AND u.account_id = a.account_id
				                     AND u.name_key = a.principal_key
				WHERE a.account_id = ? AND a.policy_key = ? ORDER BY a.principal_type, a.principal_key""")
			.params(account.value(), policyKey)
			.query((rs, row) -> "user".equals(rs.getString(1)) ? PrincipalRef.user(account, rs.getString(2))
					: PrincipalRef.serviceAccount(account, rs.getString(2)))
			.list();
	}

	/**
	 * Every policy key of every principal the policy is attached to, by principal (users
	 * by their displayed name), in one query.
	 */
	Map<PrincipalRef, List<String>> policiesOfHolders(AccountId account, String policyKey) {
		Map<PrincipalRef, List<String>> holders = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT a.principal_type, COALESCE(u.name, a.principal_key) AS id, a.policy_key
				FROM policy_attachment h
				JOIN policy_attachment a ON a.account_id = h.account_id AND a.principal_type = h.principal_type
				                         AND a.principal_key = h.principal_key
				LEFT JOIN iam_user u ON a.principal_type = 'user' AND u.account_id = a.account_id
				                     AND u.name_key = a.principal_key
				WHERE h.account_id = ? AND h.policy_key = ? ORDER BY a.principal_type, a.principal_key""")
			.params(account.value(), policyKey)
			.query((rs) -> {
				PrincipalRef principal = "user".equals(rs.getString(1)) ? PrincipalRef.user(account, rs.getString(2))
						: PrincipalRef.serviceAccount(account, rs.getString(2));
				holders.computeIfAbsent(principal, (p) -> new ArrayList<>()).add(rs.getString(3));
			});
		return holders;
	}

	long countAttachments(AccountId account, String policyKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM policy_attachment WHERE account_id = ? AND policy_key = ?")
			.params(account.value(), policyKey)
			.query(Long.class)
			.single();
	}

	private static String[] column(List<PrincipalRef> principals, Function<PrincipalRef, String> value) {
		return principals.stream().map(value).toArray(String[]::new);
	}

	private static String type(PrincipalRef principal) {
		return switch (principal.kind()) {
			case USER -> "user";
			case SERVICE_ACCOUNT -> "service-account";
			case ROOT -> throw new IllegalArgumentException("no policy attaches to a root user");
		};
	}

	/**
	 * User names are unique case-insensitively, so attachments key users by the
	 * lower-cased name.
	 */
	private static String principalKey(PrincipalRef principal) {
		return (principal.kind() == PrincipalRef.Kind.USER) ? ManagedPolicies.key(principal.id()) : principal.id();
	}

}
