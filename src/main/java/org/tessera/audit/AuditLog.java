package org.tessera.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.account.AccountId;

/**
 * The durable audit trail. {@link #record} returns only after the event is committed, so a
 * decision is never acted on without its trace. Commits are grouped: callers queue their event,
 * and whichever takes the commit lock writes everything queued in one transaction while the
 * others wait for their own event to be settled. Under concurrent load the committer first waits
 * {@value #LINGER_MICROS} µs for company: an H2 commit of one row costs about 120 µs of CPU and
 * 25 KB of new file chunk, a row in a commit of 8 about 30 µs (issue 7: one commit per token
 * exchange had been half of its CPU). Events are committed in transactions of their own, even
 * when the caller is inside one: ids are then allocated and committed in order, under the commit
 * lock, so a reader paging by id ({@code pageToken}) never finds a lower id appearing behind a
 * higher one it has already passed, and a caller's rollback cannot take other callers' events
 * with it. (A caller inside a transaction keeps its connection while its event takes another
 * from the pool; no caller records inside one today.)
 */
@Component
public class AuditLog {

	private static final int MAX_REASON = 256;

	private static final int MAX_BATCH = 256;

	private static final long LINGER_MICROS = 500;

	/** How long a waiting caller sleeps before checking whether it must commit its event itself. */
	private static final long WAIT_MICROS = 2_000;

	private static final String INSERT = """
			INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor, actor_account, actor_chain,
			                         target, target_account, client_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();

	private final ReentrantLock commitLock = new ReentrantLock();

	/** Events in the last batch (under the commit lock): more than one means concurrent load. */
	private int lastBatchSize;

	public AuditLog(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public void record(AuditEvent event) {
		Pending mine = new Pending(event);
		this.queued.add(mine);
		boolean interrupted = false;
		while (!mine.isSettled()) {
			if (this.commitLock.tryLock()) {
				try {
					if (!mine.isSettled()) {
						if (this.lastBatchSize > 1) {
							LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(LINGER_MICROS));
						}
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
	 * Writes up to {@value #MAX_BATCH} queued events in one transaction and settles each of them,
	 * whatever happens: an event left unsettled would keep its caller waiting for ever.
	 */
	private void commitQueued() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		this.queued.drainTo(batch, MAX_BATCH);
		this.lastBatchSize = batch.size();
		try {
			insert(batch);
			batch.forEach((pending) -> pending.settle(null));
		}
		catch (DataIntegrityViolationException ex) {
			// one bad event must not fail the others: write them one by one
			for (Pending pending : batch) {
				try {
					insert(List.of(pending));
					pending.settle(null);
				}
				catch (RuntimeException single) {
					pending.settle(single);
				}
			}
		}
		catch (RuntimeException ex) {
			// the database itself failed (no connection, lock timeout): retrying row by row would only wait longer
			batch.forEach((pending) -> pending.settle(ex));
		}
		finally {
			batch.stream()
				.filter((pending) -> !pending.isSettled())
				.forEach((pending) -> pending.settle(new IllegalStateException("the audit event was not written")));
		}
	}

	private void insert(List<Pending> batch) {
		List<Object[]> rows = batch.stream().map((pending) -> columns(pending.event()).toArray()).toList();
		this.transactions.executeWithoutResult((status) -> this.batches.batchUpdate(INSERT, rows));
	}

	private static List<Object> columns(AuditEvent event) {
		return Arrays.asList(Timestamp.from(event.time()), event.type(), event.decision(),
				truncate(event.reason(), MAX_REASON), truncate(event.actor(), 200), event.actorAccount(),
				truncate(String.join(" ", event.actorChain()), 2000), truncate(event.target(), 300),
				event.targetAccount(), truncate(event.clientId(), 100));
	}

	/** One caller's event; settled (committed or failed) only by the holder of the commit lock. */
	private static final class Pending {

		private final AuditEvent event;

		private final CountDownLatch settled = new CountDownLatch(1);

		private volatile RuntimeException failure;

		Pending(AuditEvent event) {
			this.event = event;
		}

		AuditEvent event() {
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
		 * @return whether the wait was interrupted: the event must still be written, so the
		 * caller carries on and restores the interrupt at the end
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

	/**
	 * Events where the account is the actor's or the target's, oldest first, after the given id.
	 * Two index range scans, one per column, merged: with {@code OR} in one WHERE clause H2 walks
	 * the whole table from {@code afterId} (35 ms at 100,000 events for an account with none).
	 */
	public List<AuditEvent> page(AccountId account, long afterId, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM (
				    (SELECT * FROM audit_event WHERE actor_account = :account AND id > :after
				     ORDER BY id FETCH FIRST :limit ROWS ONLY)
				    UNION
				    (SELECT * FROM audit_event WHERE target_account = :account AND id > :after
				     ORDER BY id FETCH FIRST :limit ROWS ONLY)
				) ORDER BY id FETCH FIRST :limit ROWS ONLY""")
			.param("after", afterId)
			.param("account", account.value())
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	private AuditEvent map(ResultSet rs, int row) throws SQLException {
		String chain = rs.getString("actor_chain");
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("event_type"),
				rs.getString("decision"), rs.getString("reason"), rs.getString("actor"), rs.getString("actor_account"),
				(chain == null || chain.isEmpty()) ? List.of() : Arrays.asList(chain.split(" ")),
				rs.getString("target"), rs.getString("target_account"), rs.getString("client_id"));
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
