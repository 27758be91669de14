package org.tessera.accountpolicy;

import java.util.List;

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
		return this.jdbc.sql("""
				MERGE INTO policy_attachment (account_id, principal_type, principal_key, policy_key)
				KEY (account_id, principal_type, principal_key, policy_key) VALUES (?, ?, ?, ?)""")
			.params(principal.account().value(), type(principal), principalKey(principal), policyKey)
			.update() == 1;
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

	long countAttachments(AccountId account, String policyKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM policy_attachment WHERE account_id = ? AND policy_key = ?")
			.params(account.value(), policyKey)
			.query(Long.class)
			.single();
	}

	private static String type(PrincipalRef principal) {
		return switch (principal.kind()) {
			case USER -> "user";
			case SERVICE_ACCOUNT -> "service-account";
			case ROOT -> throw new IllegalArgumentException("no policy attaches to a root user");
		};
	}

	/** User names are unique case-insensitively, so attachments key users by the lower-cased name. */
	private static String principalKey(PrincipalRef principal) {
		return (principal.kind() == PrincipalRef.Kind.USER) ? ManagedPolicies.key(principal.id()) : principal.id();
	}

}
