package org.tessera.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.TesseraProperties;
import org.tessera.audit.AuditJournal.Segment;
import org.tessera.cluster.DatabaseKind;

/**
 * Where audit events are recorded: {@link #record} returns only after the event is
 * durable, so a decision is never acted on without its trace. Events are committed in
 * groups: callers queue their event, and whichever takes the commit lock commits
 * everything queued at once while the others wait for their own event to be settled. On
 * H2 a group is one append to the {@link AuditJournal}, far cheaper than inserting into
 * H2, which {@link AuditJournalLoader} does later, in journal order (see
 * {@code src/site/markdown/decisions/0004-audit-journal-group-commit.md}); on PostgreSQL
 * it is one transaction of batched inserts, visible to every node at once.
 */
@Component
public class AuditLog implements AuditTrail, AutoCloseable {

	private static final int MAX_BATCH = 256;

	/**
	 * How long a waiting caller sleeps before checking whether it must commit its event
	 * itself.
	 */
	private static final long WAIT_MICROS = 2_000;

	/**
	 * The journal on H2; none on PostgreSQL, where events go straight to the database.
	 */
	private final @Nullable AuditJournal journal;

	/** Where a group of events is committed: the journal, or a database transaction. */
	private final Consumer<List<RecordedEvent>> sink;

	private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();

	/**
	 * Audited decisions by type and outcome, impersonations among them; a type is one of
	 * the server's event names, never a caller's text.
	 */
	private final Meter.MeterProvider<Counter> recorded = Counter.builder("tessera.audit.events")
		.description("Audited decisions, by event type and decision")
		.withRegistry(Metrics.globalRegistry);

	private final ReentrantLock commitLock = new ReentrantLock();

	/**
	 * Segments a previous run left, until the first {@link #seal} hands them over (under
	 * the commit lock).
	 */
	private final List<Segment> leftOver;

	/**
	 * The log of this server's database: on H2 a journal in the data directory, loaded
	 * into the database by {@link AuditJournalLoader}; on PostgreSQL, which several nodes
	 * share and no node's disk can stand for, each group is inserted in one transaction.
	 */
	@Autowired
	public AuditLog(JdbcClient jdbc, TesseraProperties properties, DatabaseKind database, AuditRows rows,
			PlatformTransactionManager transactions) {
		this(database.isShared() ? null : properties.dataDir().resolve("audit-journal"),
				database.isShared() ? 0 : AuditTables.progress(jdbc).segment(), inTransactions(rows, transactions));
	}

	/**
	 * Opens the journal at {@code dir}, numbering its segments after
	 * {@code lastLoadedSegment} and after those a previous run left there, which are
	 * listed now, before this run writes any.
	 */
	AuditLog(Path dir, long lastLoadedSegment) {
		this(dir, lastLoadedSegment, null);
	}

	private AuditLog(@Nullable Path dir, long lastLoadedSegment, @Nullable Consumer<List<RecordedEvent>> database) {
		if (dir != null) {
			this.leftOver = new ArrayList<>(AuditJournal.sealed(dir));
			AuditJournal opened = new AuditJournal(dir, lastLoadedSegment);
			this.journal = opened;
			this.sink = opened::append;
		}
		else {
			this.leftOver = new ArrayList<>();
			this.journal = null;
			this.sink = Objects.requireNonNull(database);
		}
	}

	/**
	 * Each group in a transaction of its own, whatever transaction the committing caller
	 * is in. A group of events that only the actor's and the target's accounts see is one
	 * batch of inserts, sent with auto-commit: PostgreSQL runs the statements of one
	 * batch, up to its sync, as one implicit transaction, so the group still commits
	 * whole, in one round trip instead of two.
	 */
	private static Consumer<List<RecordedEvent>> inTransactions(AuditRows rows,
			PlatformTransactionManager transactions) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		TransactionTemplate autoCommit = new TransactionTemplate(transactions);
		autoCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		return (events) -> {
			if (rows.isOneBatch(events)) {
				autoCommit.executeWithoutResult((status) -> rows.insert(events));
			}
			else {
				template.executeWithoutResult((status) -> rows.insert(events));
			}
		};
	}

	/**
	 * Writes the event to the journal and returns once it is there.
	 * @throws IllegalArgumentException if its type or decision is longer than the log
	 * stores (free texts are cut to length instead); {@link NullPointerException} if its
	 * time, type, decision or reason is missing
	 */
	@Override
	public void record(AuditEvent event) {
		record(event, null);
	}

	/**
	 * Writes the event to the journal and returns once it is there; every account other
	 * than the event's target account sees it through {@code callerView}, when given.
	 * @see #record(AuditEvent)
	 */
	@Override
	public void record(AuditEvent event, @Nullable CallerView callerView) {
		Pending mine = new Pending(AuditTables.storable(event, callerView));
		this.recorded.withTags("type", mine.event().event().type(), "decision", mine.event().event().decision())
			.increment();
		this.queued.add(mine);
		boolean interrupted = false;
		while (!mine.isSettled()) {
			if (this.commitLock.tryLock()) {
				try {
					if (!mine.isSettled()) {
						commitQueued();
					}
				}
				finally {
					this.commitLock.unlock();
				}
			}
			else {
				interrupted |= mine.awaitSettled(WAIT_MICROS);
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		mine.rethrowFailure();
	}

	/**
	 * Closes the segment being written for loading, the next group starting a new one,
	 * and hands over every segment ready to load, oldest first: at the first call, also
	 * those a previous run left.
	 */
	List<Segment> seal() {
		this.commitLock.lock();
		try {
			List<Segment> sealed = new ArrayList<>(this.leftOver);
			this.leftOver.clear();
			if (this.journal != null) {
				sealed.addAll(this.journal.seal());
			}
			return sealed;
		}
		finally {
			this.commitLock.unlock();
		}
	}

	/**
	 * Closes the journal's file. {@link AuditJournalLoader} calls it after its last load,
	 * and so, depending on this log, is closed before it.
	 */
	@PreDestroy
	@Override
	public void close() {
		this.commitLock.lock();
		try {
			if (this.journal != null) {
				this.journal.close();
			}
		}
		finally {
			this.commitLock.unlock();
		}
	}

	/**
	 * Appends up to {@value #MAX_BATCH} queued events and settles each of them, whatever
	 * happens: an event left unsettled would keep its caller waiting for ever.
	 */
	private void commitQueued() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		this.queued.drainTo(batch, MAX_BATCH);
		try {
			this.sink.accept(batch.stream().map(Pending::event).toList());
			batch.forEach((pending) -> pending.settle(null));
		}
		catch (RuntimeException ex) {
			batch.forEach((pending) -> pending.settle(ex));
		}
		finally {
			batch.stream()
				.filter((pending) -> !pending.isSettled())
				.forEach((pending) -> pending.settle(new IllegalStateException("the audit event was not written")));
		}
	}

	/**
	 * One caller's event; settled (committed or failed) only by the holder of the commit
	 * lock.
	 */
	private static final class Pending {

		private final RecordedEvent event;

		private final CountDownLatch settled = new CountDownLatch(1);

		private volatile RuntimeException failure;

		Pending(RecordedEvent event) {
			this.event = event;
		}

		RecordedEvent event() {
			return this.event;
		}

		boolean isSettled() {
			return this.settled.getCount() == 0;
		}

		void settle(RuntimeException failure) {
			if (!isSettled()) {
				this.failure = failure;
				this.settled.countDown();
			}
		}

		/**
		 * Waits until settled or the time is up, whichever comes first.
		 * @return whether the wait was interrupted: the event must still be written, so
		 * the caller carries on and restores the interrupt at the end
		 */
		boolean awaitSettled(long micros) {
			try {
				this.settled.await(micros, TimeUnit.MICROSECONDS);
				return false;
			}
			catch (InterruptedException ex) {
				return true;
			}
		}

		void rethrowFailure() {
			if (this.failure != null) {
				throw this.failure;
			}
		}

	}

}
