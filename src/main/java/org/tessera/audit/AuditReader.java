package org.tessera.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tessera.account.AccountId;

/**
 * Reads an account's audit events, oldest first, as that account may see them. The
 * journal is loaded first, so every event recorded before the call is there; since the
 * loader gives ids in journal order, a reader paging by id never finds a lower id
 * appearing behind one it has passed.
 */
@Component
class AuditReader {

	private final JdbcClient jdbc;

	private final AuditJournalLoader loader;

	AuditReader(JdbcClient jdbc, AuditJournalLoader loader) {
		this.jdbc = jdbc;
		this.loader = loader;
	}

	/**
	 * The same events newest first, before the given id ({@link Long#MAX_VALUE} for the
	 * newest).
	 */
	List<AuditEvent> pageNewestFirst(AccountId account, long beforeId, int limit) {
		this.loader.load();
		return this.jdbc.sql("""
				SELECT * FROM (
				    (SELECT * FROM audit_event WHERE actor_account = :account AND id < :before
				     ORDER BY id DESC FETCH FIRST :limit ROWS ONLY)
				    UNION
				    (SELECT * FROM audit_event WHERE target_account = :account AND id < :before
				     ORDER BY id DESC FETCH FIRST :limit ROWS ONLY)
				    UNION
				    (SELECT e.* FROM audit_event_account v JOIN audit_event e ON e.id = v.event_id
				     WHERE v.account_id = :account AND v.event_id < :before
				     ORDER BY v.event_id DESC FETCH FIRST :limit ROWS ONLY)
				) visible ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""")
			.param("before", beforeId)
			.param("account", account.value())
			.param("limit", limit)
			.query((rs, row) -> AuditTables.event(rs, account.value()))
			.list();
	}

	/**
	 * Events the account sees, oldest first, after the given id: those where it is the
	 * actor's or the target's account, or the account of a principal in the actor chain.
	 * An event with a {@link CallerView} shows that view to every account but the
	 * target's. Three index range scans, one per way of seeing an event, merged: with
	 * {@code OR} in one WHERE clause H2 walks the whole table from {@code afterId}.
	 */
	List<AuditEvent> page(AccountId account, long afterId, int limit) {
		this.loader.load();
		return this.jdbc.sql("""
				SELECT * FROM (
				    (SELECT * FROM audit_event WHERE actor_account = :account AND id > :after
				     ORDER BY id FETCH FIRST :limit ROWS ONLY)
				    UNION
				    (SELECT * FROM audit_event WHERE target_account = :account AND id > :after
				     ORDER BY id FETCH FIRST :limit ROWS ONLY)
				    UNION
				    (SELECT e.* FROM audit_event_account v JOIN audit_event e ON e.id = v.event_id
				     WHERE v.account_id = :account AND v.event_id > :after
				     ORDER BY v.event_id FETCH FIRST :limit ROWS ONLY)
				) visible ORDER BY id FETCH FIRST :limit ROWS ONLY""")
			.param("after", afterId)
			.param("account", account.value())
			.param("limit", limit)
			.query((rs, row) -> AuditTables.event(rs, account.value()))
			.list();
	}

}
