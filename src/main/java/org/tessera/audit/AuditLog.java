package org.tessera.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.audit.AuditJournal.Segment;

/**
 * Where audit events are recorded: {@link #record} returns only after the event is on
 * disk, so a decision is never acted on without its trace. Events are appended to the
 * {@link AuditJournal} in groups: callers queue their event, and whichever takes the
 * commit lock appends everything queued with one write while the others wait for their
 * own event to be settled. Appending is far cheaper than inserting into the database,
 * which {@link AuditJournalLoader} does later, in journal order (see
 * {@code src/site/markdown/decisions/0004-audit-journal-group-commit.md}).
 */
@Component
public class AuditLog implements AuditTrail, AutoCloseable {

	private static final int MAX_BATCH = 256;

	/**
	 * How long a waiting caller sleeps before checking whether it must commit its event
	 * itself.
	 */
	private static final long WAIT_MICROS = 2_000;

	private final AuditJournal journal;

	private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();

	private final ReentrantLock commitLock = new ReentrantLock();

	/**
	 * Segments a previous run left, until the first {@link #seal} hands them over (under
	 * the commit lock).
	 */
	private final List<Segment> leftOver;

	@Autowired
	public AuditLog(JdbcClient jdbc, TesseraProperties properties) {
		this(properties.dataDir().resolve("audit-journal"), AuditTables.progress(jdbc).segment());
	}

	/**
	 * Opens the journal at {@code dir}, numbering its segments after
	 * {@code lastLoadedSegment} and after those a previous run left there, which are
	 * listed now, before this run writes any.
	 */
	AuditLog(Path dir, long lastLoadedSegment) {
		this.leftOver = new ArrayList<>(AuditJournal.sealed(dir));
		this.journal = new AuditJournal(dir, lastLoadedSegment);
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
			sealed.addAll(this.journal.seal());
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
			this.journal.close();
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
			this.journal.append(batch.stream().map(Pending::event).toList());
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
