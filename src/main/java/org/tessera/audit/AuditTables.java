package org.tessera.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.access.PrincipalRef;
import org.tessera.audit.AuditJournal.Segment;

/**
 * How audit events map to the tables that hold them ({@code audit_event},
 * {@code audit_event_account}, {@code audit_journal}): the one place that knows their
 * columns and lengths, so the writer, the loader and the reader cannot disagree about
 * them.
 */
final class AuditTables {

	// the lengths of audit_event's columns (V2, V10)

	private static final int MAX_TYPE = 64;

	private static final int MAX_DECISION = 16;

	private static final int MAX_REASON = 256;

	private static final int MAX_ACCOUNT = 20;

	private static final int MAX_ACTOR = 200;

	private static final int MAX_TARGET = 300;

	private static final int MAX_CLIENT_ID = 100;

	private static final int MAX_DISPLAY_NAME = 64;

	private static final int MAX_CHAIN = 2000;

	/** Inserts one event; its parameters are {@link #row}'s values, in order. */
	static final String INSERT = """
			INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor, actor_account, actor_chain,
			                         target, target_account, client_id, caller_reason, caller_target, display_name)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	/** Lets one more account see an event: account id, event id. */
	static final String INSERT_VISIBILITY = "INSERT INTO audit_event_account (account_id, event_id) VALUES (?, ?)";

	private AuditTables() {
	}

	/**
	 * The event as the log stores it, free texts cut to the length of their columns;
	 * refused in the caller's thread if it cannot be stored, so that it cannot fail the
	 * group it would join.
	 * @throws IllegalArgumentException if its type or decision is longer than its column
	 * @throws NullPointerException if its time, type, decision or reason is missing
	 */
	static RecordedEvent storable(AuditEvent event, @Nullable CallerView view) {
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
				truncate(event.actorAccount(), MAX_ACCOUNT),
				chain.isEmpty() ? List.of() : Arrays.asList(chain.split(" ")), truncate(event.target(), MAX_TARGET),
				truncate(event.targetAccount(), MAX_ACCOUNT), truncate(event.clientId(), MAX_CLIENT_ID),
				truncate(event.displayName(), MAX_DISPLAY_NAME));
		return new RecordedEvent(stored, (view == null) ? null
				: new CallerView(truncate(view.reason(), MAX_REASON), truncate(view.target(), MAX_TARGET)));
	}

	/** The values of {@link #INSERT}'s parameters for a stored event. */
	static Object[] row(RecordedEvent recorded) {
		AuditEvent event = recorded.event();
		CallerView view = recorded.callerView();
		return new Object[] { Timestamp.from(event.time()), event.type(), event.decision(), event.reason(),
				event.actor(), event.actorAccount(), String.join(" ", event.actorChain()), event.target(),
				event.targetAccount(), event.clientId(), (view != null) ? view.reason() : null,
				(view != null) ? view.target() : null, event.displayName() };
	}

	/**
	 * The accounts of the principals in the event's actor chain, other than the actor's
	 * and the target's (whose columns make the event theirs already), each once: the
	 * {@code audit_event_account} rows the event needs.
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

	/**
	 * An {@code audit_event} row as the {@code reader} account sees it: the
	 * {@link CallerView}, if any, unless the reader is the target's account.
	 */
	static AuditEvent event(ResultSet rs, String reader) throws SQLException {
		String chain = rs.getString("actor_chain");
		String targetAccount = rs.getString("target_account");
		String callerReason = rs.getString("caller_reason");
		boolean callerSide = callerReason != null && !reader.equals(targetAccount);
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("event_type"),
				rs.getString("decision"), callerSide ? callerReason : rs.getString("reason"), rs.getString("actor"),
				rs.getString("actor_account"),
				(chain == null || chain.isEmpty()) ? List.of() : Arrays.asList(chain.split(" ")),
				callerSide ? rs.getString("caller_target") : rs.getString("target"), callerSide ? null : targetAccount,
				rs.getString("client_id"), rs.getString("display_name"));
	}

	/** How far loading the journal got, as the last loading transaction recorded it. */
	static LoadProgress progress(JdbcClient jdbc) {
		return jdbc.sql("SELECT last_loaded_segment, loaded_records FROM audit_journal")
			.query((rs, row) -> new LoadProgress(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/**
	 * Records, in the loading transaction, that the segment's events up to {@code loaded}
	 * are in.
	 */
	static void saveProgress(JdbcClient jdbc, Segment segment, int loaded) {
		jdbc.sql("UPDATE audit_journal SET last_loaded_segment = :segment, loaded_records = :loaded")
			.param("segment", segment.number())
			.param("loaded", loaded)
			.update();
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	/**
	 * How far loading got: the segment last loaded from, and how many of its events are
	 * in.
	 */
	record LoadProgress(long segment, long records) {

		/** How many of a segment's events are in already (all of an older segment's). */
		int loadedOf(Segment other, int events) {
			if (other.number() == this.segment) {
				return (int) Math.min(events, this.records);
			}
			return (other.number() < this.segment) ? events : 0;
		}

	}

}
