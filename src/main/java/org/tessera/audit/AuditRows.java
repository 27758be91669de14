package org.tessera.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Inserts groups of audit events into {@code audit_event} and {@code audit_event_account}
 * with batched statements: for the journal loader on H2, and for {@link AuditLog}'s group
 * commit straight into PostgreSQL.
 */
@Component
class AuditRows {

	private final JdbcTemplate batches;

	AuditRows(JdbcTemplate batches) {
		this.batches = batches;
	}

	/**
	 * Whether {@link #insert} writes these events with one batch of one statement: none
	 * of them is seen by accounts besides the actor's and the target's.
	 */
	boolean isOneBatch(List<RecordedEvent> events) {
		return events.stream().allMatch((recorded) -> AuditTables.extraAccounts(recorded.event()).isEmpty());
	}

	/**
	 * Inserts the events, with the accounts that see them besides the actor's and the
	 * target's, in the caller's transaction. Event ids are read back only for a group in
	 * which some event has such accounts (an actor chain reaching other accounts).
	 */
	void insert(List<RecordedEvent> events) {
		List<List<String>> extraAccounts = events.stream()
			.map((recorded) -> AuditTables.extraAccounts(recorded.event()))
			.toList();
		List<Object[]> rows = events.stream().map(AuditTables::row).toList();
		if (extraAccounts.stream().allMatch(List::isEmpty)) {
			this.batches.batchUpdate(AuditTables.INSERT, rows);
		}
		else {
			List<Object[]> visibility = new ArrayList<>();
			List<Long> ids = insertReturningIds(rows);
			for (int i = 0; i < ids.size(); i++) {
				for (String account : extraAccounts.get(i)) {
					visibility.add(new Object[] { account, ids.get(i) });
				}
			}
			this.batches.batchUpdate(AuditTables.INSERT_VISIBILITY, visibility);
		}
	}

	private List<Long> insertReturningIds(List<Object[]> rows) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.batches.batchUpdate(
				(connection) -> connection.prepareStatement(AuditTables.INSERT, Statement.RETURN_GENERATED_KEYS),
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement statement, int i) throws SQLException {
						Object[] row = rows.get(i);
						for (int column = 0; column < row.length; column++) {
							statement.setObject(column + 1, row[column]);
						}
					}

					@Override
					public int getBatchSize() {
						return rows.size();
					}

				}, keys);
		List<Long> ids = keys.getKeyList()
			.stream()
			.map((key) -> ((Number) key.values().iterator().next()).longValue())
			.toList();
		if (ids.size() != rows.size()) {
			throw new IllegalStateException(
					"the database returned " + ids.size() + " ids for " + rows.size() + " audit events");
		}
		return ids;
	}

}
