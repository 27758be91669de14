package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Audit events older than {@code tessera.audit.retention} (400 days by default) are
 * purged; newer ones stay.
 */
class AuditRetentionTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditRetention retention;

	@Test
	void eventsOlderThanTheRetentionArePurgedAndNewerOnesKept() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String other = this.tessera.signUp();
		String rootOfOther = this.tessera.loginRoot(other);
		insert(account, Instant.now().minus(Duration.ofDays(401)), "too_old");
		insert(account, Instant.now().minus(Duration.ofDays(399)), "kept");
		long tooOldSeenByOther = insert(null, Instant.now().minus(Duration.ofDays(401)), "too_old_seen_by_other");
		this.jdbc.sql("INSERT INTO audit_event_account (account_id, event_id) VALUES (:account, :event)")
			.param("account", other)
			.param("event", tooOldSeenByOther)
			.update();
		assertThat(reasons(account, root)).contains("too_old", "kept");
		assertThat(reasons(other, rootOfOther)).contains("too_old_seen_by_other");

		this.retention.purge();

		assertThat(reasons(account, root)).contains("kept").doesNotContain("too_old");
		assertThat(reasons(other, rootOfOther)).doesNotContain("too_old_seen_by_other");
	}

	private long insert(String account, Instant time, String reason) {
		this.jdbc.sql("""
				INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor_account, target_account)
				VALUES (:time, 'RetentionTest', 'ALLOWED', :reason, :account, :account)""")
			.param("time", OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
			.param("reason", reason)
			.param("account", account)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM audit_event WHERE reason = :reason")
			.param("reason", reason)
			.query(Long.class)
			.single();
	}

	private List<String> reasons(String account, String token) {
		Http.Response response = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?pageSize=1000", token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json()
			.get("items")
			.valueStream()
			.map((JsonNode event) -> event.get("reason").asString())
			.toList();
	}

}
