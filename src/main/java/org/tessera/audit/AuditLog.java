package org.tessera.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.audit.AuditJournal.Segment;

/**
 * The durable audit trail. {@link #record} returns only after the event is on disk, so a
 * decision is never acted on without its trace. Events are first appended to the
 * {@link AuditJournal}, in groups: callers queue their event, and whichever takes the commit
 * lock appends everything queued with one write while the others wait for their own event to be
 * settled. Every {@value #LOAD_INTERVAL_MILLIS} ms, at shutdown, and before a page is read, the
 * journal's events move into the database in the order they were appended, in transactions of
 * {@value #ROWS_PER_TRANSACTION}, so ids grow in that order and a reader paging by id
 * ({@code pageToken}) never finds a lower id appearing behind one it has passed. (Issue 7:
 * inserting each group into H2 as it was recorded cost a token exchange about 45 µs of CPU; a
 * journal append costs a few.) What a previous run left in the journal is loaded at start-up.
 */
@Component
public class AuditLog implements AutoCloseable {

	private static final int MAX_TYPE = 64;

	private static final int MAX_DECISION = 16;

	private static final int MAX_REASON = 256;

	private static final int MAX_ACCOUNT = 20;

	private static final int MAX_ACTOR = 200;

	private static final int MAX_TARGET = 300;

	private static final int MAX_CLIENT_ID = 100;

	private static final int MAX_CHAIN = 2000;

	private static final int MAX_BATCH = 256;

	/**
	 * Events loaded per transaction. A transaction of a thousand kept H2's objects for its rows
	 * (uncommitted-version markers, undo-log records) alive long enough to be promoted, and under
	 * sustained exchanges the old generation filled every ten seconds or so: full collections of
	 * 95-110 ms, and the exchanges' p99 at 64 connections 39-44 ms.
	 */
	private static final int ROWS_PER_TRANSACTION = 100;

	/**
	 * How often the journal is loaded into the database. Loading once a second put about 100 ms of
	 * CPU into one burst under 11,000 exchanges/s, and the exchanges' p99 rose from 15 to 67 ms.
	 */
	private static final long LOAD_INTERVAL_MILLIS = 100;

	/** How long a waiting caller sleeps before checking whether it must commit its event itself. */
	private static final long WAIT_MICROS = 2_000;

	private static final String INSERT = """
			INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor, actor_account, actor_chain,
			                         target, target_account, client_id, caller_reason, caller_target)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_VISIBILITY = "INSERT INTO audit_event_account (account_id, event_id) VALUES (?, ?)";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final AuditJournal journal;

	private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();

	private final ReentrantLock commitLock = new ReentrantLock();

	private final ReentrantLock loadLock = new ReentrantLock();

	/** Sealed segments not yet loaded, oldest first (under the load lock). */
	private final Deque<Segment> sealed = new ArrayDeque<>();

	@Autowired
	public AuditLog(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions,
			TesseraProperties properties) {
		this(jdbc, batches, transactions, properties.dataDir().resolve("audit-journal"));
	}

	/** Loads what a previous run left in the journal at {@code dir} before it returns. */
	AuditLog(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions, Path dir) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.sealed.addAll(AuditJournal.sealed(dir));
		this.journal = new AuditJournal(dir, progress().segment());
		load();
	}

	/**
	 * Writes the event to the journal and returns once it is there.
	 * @throws IllegalArgumentException if its type or decision is longer than the log stores (free
	 * texts are cut to length instead); {@link NullPointerException} if its time, type, decision or
	 * reason is missing
	 */
	public void record(AuditEvent event) {
		record(event, null);
	}

	/**
	 * Writes the event to the journal and returns once it is there; every account other than the
	 * event's target account sees it through {@code callerView}, when given.
	 * @see #record(AuditEvent)
	 */
	public void record(AuditEvent event, @Nullable CallerView callerView) {
		Pending mine = new Pending(storable(event, callerView));
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
	 * Appends up to {@value #MAX_BATCH} queued events and settles each of them, whatever happens: an
	 * event left unsettled would keep its caller waiting for ever.
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
	 * Moves the journal's events into the database, oldest segment first, in transactions that also
	 * record how far they got (segment number and events), then deletes the segment's file. Events
	 * recorded as loaded already were loaded before a crash kept their file: they are skipped.
	 */
	@Scheduled(fixedDelay = LOAD_INTERVAL_MILLIS)
	public void load() {
		this.loadLock.lock();
		try {
			this.commitLock.lock();
			try {
				this.sealed.addAll(this.journal.seal());
			}
			finally {
				this.commitLock.unlock();
			}
			while (!this.sealed.isEmpty()) {
				Segment segment = this.sealed.peek();
				List<RecordedEvent> events = AuditJournal.read(segment);
				for (int from = progress().loadedOf(segment, events.size()); from < events.size();
						from += ROWS_PER_TRANSACTION) {
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

	/** Loads what is in the journal and closes it. */
	@PreDestroy
	@Override
	public void close() {
		load();
		this.commitLock.lock();
		try {
			this.journal.close();
		}
		finally {
			this.commitLock.unlock();
		}
	}

	/**
	 * Inserts a segment's events up to {@code loaded}, with the accounts that see them besides the
	 * actor's and the target's, and records that they are in. Event ids are read back only for a
	 * group in which some event has such accounts (an actor chain reaching other accounts).
	 */
	private void insert(Segment segment, List<RecordedEvent> events, int loaded) {
		List<List<String>> extraAccounts = events.stream().map((recorded) -> extraAccounts(recorded.event())).toList();
		List<Object[]> rows = events.stream().map((recorded) -> columns(recorded).toArray()).toList();
		if (extraAccounts.stream().allMatch(List::isEmpty)) {
			this.batches.batchUpdate(INSERT, rows);
		}
		else {
			List<Object[]> visibility = new ArrayList<>();
			List<Long> ids = insertReturningIds(rows);
			for (int i = 0; i < ids.size(); i++) {
				for (String account : extraAccounts.get(i)) {
					visibility.add(new Object[] { account, ids.get(i) });
				}
			}
			this.batches.batchUpdate(INSERT_VISIBILITY, visibility);
		}
		this.jdbc.sql("UPDATE audit_journal SET last_loaded_segment = :segment, loaded_records = :loaded")
			.param("segment", segment.number())
			.param("loaded", loaded)
			.update();
	}

	private List<Long> insertReturningIds(List<Object[]> rows) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.batches.batchUpdate((connection) -> connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS),
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

	/**
	 * The accounts of the principals in the event's actor chain, other than the actor's and the
	 * target's (whose columns make the event theirs already), each once.
	 */
	static List<String> extraAccounts(AuditEvent event) {
		if (event.actorChain().isEmpty()) {
			return List.of();
		}
		Set<String> accounts = new LinkedHashSet<>();
		for (String crn : event.actorChain()) {
			PrincipalRef.fromCrn(crn).ifPresent((principal) -> accounts.add(principal.account().value()));
		}
		accounts.remove(event.actorAccount());
		accounts.remove(event.targetAccount());
		return List.copyOf(accounts);
	}

	private LoadProgress progress() {
		return this.jdbc.sql("SELECT last_loaded_segment, loaded_records FROM audit_journal")
			.query((rs, row) -> new LoadProgress(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/** How far loading got: the segment last loaded from, and how many of its events are in. */
	private record LoadProgress(long segment, long records) {

		/** How many of a segment's events are in already (all of an older segment's). */
		int loadedOf(Segment other, int events) {
			if (other.number() == this.segment) {
				return (int) Math.min(events, this.records);
			}
			return (other.number() < this.segment) ? events : 0;
		}

	}

	/**
	 * The event as the log stores it, free texts cut to the length of their columns; refused in the
	 * caller's thread if it cannot be stored, so that it cannot fail the group it would join.
	 */
	private static RecordedEvent storable(AuditEvent event, @Nullable CallerView view) {
		Objects.requireNonNull(event.time(), "time");
		Objects.requireNonNull(event.reason(), "reason");
		if (event.type().length() > MAX_TYPE || event.decision().length() > MAX_DECISION) {
			throw new IllegalArgumentException("An audit event's type is at most " + MAX_TYPE
					+ " characters and its decision at most " + MAX_DECISION);
		}
		String joined = String.join(" ", event.actorChain());
		String chain = (joined.length() <= MAX_CHAIN) ? joined : joined.substring(0, MAX_CHAIN);
		AuditEvent stored = new AuditEvent(0, event.time(), event.type(), event.decision(),
				truncate(event.reason(), MAX_REASON), truncate(event.actor(), MAX_ACTOR),
				truncate(event.actorAccount(), MAX_ACCOUNT), chain.isEmpty() ? List.of() : Arrays.asList(chain.split(" ")),
				truncate(event.target(), MAX_TARGET), truncate(event.targetAccount(), MAX_ACCOUNT),
				truncate(event.clientId(), MAX_CLIENT_ID));
		return new RecordedEvent(stored, (view == null) ? null
				: new CallerView(truncate(view.reason(), MAX_REASON), truncate(view.target(), MAX_TARGET)));
	}

	private static List<Object> columns(RecordedEvent recorded) {
		AuditEvent event = recorded.event();
		CallerView view = recorded.callerView();
		return Arrays.asList(Timestamp.from(event.time()), event.type(), event.decision(), event.reason(),
				event.actor(), event.actorAccount(), String.join(" ", event.actorChain()), event.target(),
				event.targetAccount(), event.clientId(), (view != null) ? view.reason() : null,
				(view != null) ? view.target() : null);
	}

	/** One caller's event; settled (committed or failed) only by the holder of the commit lock. */
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
	 * Events the account sees, oldest first, after the given id: those where it is the actor's or
	 * the target's account, or the account of a principal in the actor chain. An event with a
	 * {@link CallerView} shows that view to every account but the target's. The journal is loaded
	 * first, so every event recorded before the call is there.
	 * Three index range scans, one per way of seeing an event, merged: with {@code OR} in one WHERE
	 * clause H2 walks the whole table from {@code afterId} (35 ms at 100,000 events for an account
	 * with none).
	 */
	public List<AuditEvent> page(AccountId account, long afterId, int limit) {
		load();
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
				) ORDER BY id FETCH FIRST :limit ROWS ONLY""")
			.param("after", afterId)
			.param("account", account.value())
			.param("limit", limit)
			.query((rs, row) -> map(rs, account.value()))
			.list();
	}

	private AuditEvent map(ResultSet rs, String reader) throws SQLException {
		String chain = rs.getString("actor_chain");
		String targetAccount = rs.getString("target_account");
		String callerReason = rs.getString("caller_reason");
		boolean callerSide = callerReason != null && !reader.equals(targetAccount);
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("event_type"),
				rs.getString("decision"), callerSide ? callerReason : rs.getString("reason"), rs.getString("actor"),
				rs.getString("actor_account"),
				(chain == null || chain.isEmpty()) ? List.of() : Arrays.asList(chain.split(" ")),
				callerSide ? rs.getString("caller_target") : rs.getString("target"), callerSide ? null : targetAccount,
				rs.getString("client_id"));
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
