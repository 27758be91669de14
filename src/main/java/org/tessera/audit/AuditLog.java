package org.tessera.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tessera.account.AccountId;

/**
 * The durable audit trail. {@link #record} returns only after the event is committed, so a
 * decision is never acted on without its trace.
 */
@Component
public class AuditLog {

	private static final int MAX_REASON = 256;

	private final JdbcClient jdbc;

	public AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(AuditEvent event) {
		this.jdbc.sql("""
				INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor, actor_account, actor_chain,
				                         target, target_account, client_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(event.time()), event.type(), event.decision(), truncate(event.reason(), MAX_REASON),
					event.actor(), event.actorAccount(), truncate(String.join(" ", event.actorChain()), 2000),
					truncate(event.target(), 300), event.targetAccount(), truncate(event.clientId(), 100))
			.update();
	}

	/** Events where the account is the actor's or the target's, oldest first, after the given id. */
	public List<AuditEvent> page(AccountId account, long afterId, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM audit_event WHERE id > :after AND (actor_account = :account OR target_account = :account)
				ORDER BY id FETCH FIRST :limit ROWS ONLY""")
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
