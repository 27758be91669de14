package org.tessera.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final AuditRows rows;

	private final TransactionTemplate transactions;

	private final ReentrantLock loadLock = new ReentrantLock();

	/** Sealed segments not yet loaded, oldest first (under the load lock). */
	private final Deque<Segment> sealed = new ArrayDeque<>();

	/** Loads what a previous run left in the log's journal before it returns. */
	AuditJournalLoader(AuditLog log, JdbcClient jdbc, AuditRows rows, PlatformTransactionManager transactions) {
		this.log = log;
		this.jdbc = jdbc;
		this.rows = rows;
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

	/** Inserts a segment's events up to {@code loaded} and records that they are in. */
	private void insert(Segment segment, List<RecordedEvent> events, int loaded) {
		this.rows.insert(events);
		AuditTables.saveProgress(this.jdbc, segment, loaded);
	}

}
