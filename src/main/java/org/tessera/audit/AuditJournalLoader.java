package org.tessera.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.audit.AuditJournal.Segment;

/**
 * Moves the events {@link AuditLog} wrote to its journal into the database: every
 * {@value #LOAD_INTERVAL_MILLIS} ms, at start-up (what a previous run left), before a
 * page is read and at shutdown, before the journal is closed. Segments are loaded in the
 * order they were written, one at a time, in transactions of
 * {@value #ROWS_PER_TRANSACTION} events that also record how far they got, so ids grow in
 * journal order and an event found again after a crash is not loaded twice.
 */
@Component
class AuditJournalLoader implements AutoCloseable {

	/**
	 * Events loaded per transaction. A larger transaction kept H2's objects for its rows
	 * (uncommitted-version markers, undo-log records) alive long enough to be promoted,
	 * and under sustained exchanges the old generation filled up: full collections that
	 * stopped the server and raised the exchanges' tail latency.
	 */
	private static final int ROWS_PER_TRANSACTION = 100;

	/**
	 * How often the journal is loaded into the database. Loading less often put the work
	 * into one burst of CPU under sustained exchanges, and their tail latency rose with
	 * it.
	 */
	private static final long LOAD_INTERVAL_MILLIS = 100;

	private final AuditLog log;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final ReentrantLock loadLock = new ReentrantLock();

	/** Sealed segments not yet loaded, oldest first (under the load lock). */
	private final Deque<Segment> sealed = new ArrayDeque<>();

	/** Loads what a previous run left in the log's journal before it returns. */
	AuditJournalLoader(AuditLog log, JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions) {
		this.log = log;
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		load();
	}

	/**
	 * Moves the journal's events into the database, oldest segment first, in transactions
	 * that also record how far they got (segment number and events), then deletes the
	 * segment's file. Events recorded as loaded already were loaded before a crash kept
	 * their file: they are skipped. Every event recorded before the call is in the
	 * database when it returns.
	 */
	@Scheduled(fixedDelay = LOAD_INTERVAL_MILLIS)
	void load() {
		this.loadLock.lock();
		try {
			this.sealed.addAll(this.log.seal());
			while (!this.sealed.isEmpty()) {
				Segment segment = this.sealed.peek();
				List<RecordedEvent> events = AuditJournal.read(segment);
				for (int from = AuditTables.progress(this.jdbc).loadedOf(segment, events.size()); from < events
					.size(); from += ROWS_PER_TRANSACTION) {
					int to = Math.min(events.size(), from + ROWS_PER_TRANSACTION);
					List<RecordedEvent> chunk = events.subList(from, to);
					this.transactions.executeWithoutResult((status) -> insert(segment, chunk, to));
				}
				this.sealed.remove();
				Files.deleteIfExists(segment.file());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.loadLock.unlock();
		}
	}

	/** Loads what is in the journal, then closes it. */
	@PreDestroy
	@Override
	public void close() {
		load();
		this.log.close();
	}

	/**
	 * Inserts a segment's events up to {@code loaded}, with the accounts that see them
	 * besides the actor's and the target's, and records that they are in. Event ids are
	 * read back only for a group in which some event has such accounts (an actor chain
	 * reaching other accounts).
	 */
	private void insert(Segment segment, List<RecordedEvent> events, int loaded) {
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
		AuditTables.saveProgress(this.jdbc, segment, loaded);
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
