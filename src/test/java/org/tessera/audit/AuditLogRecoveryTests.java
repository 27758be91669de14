package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.tessera.account.AccountId;
import org.tessera.audit.AuditJournal.Segment;

/**
 * What a run leaves in the audit journal when it dies: the next start-up loads it into
 * the database in order, and events loaded just before the crash, a whole segment or part
 * of one, are not loaded twice. On an H2 database of its own, migrated by Flyway like
 * Tessera's.
 */
class AuditLogRecoveryTests {

	private static final String ACCOUNT = "12345";

	@TempDir
	Path dir;

	private JdbcDataSource database;

	@BeforeEach
	void migrate() {
		this.database = new JdbcDataSource();
		this.database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(this.database)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
	}

	@Test
	void eventsLeftInTheJournalAreLoadedInOrderAtStartUpAndTheirSegmentsDeleted() {
		try (AuditJournal previousRun = new AuditJournal(this.dir, 0)) {
			previousRun.append(List.of(recorded("first"), recorded("second")));
			previousRun.seal();
			previousRun.append(List.of(recorded("third")));
		}

		try (Audit audit = start()) {
			assertThat(reasons(audit)).containsExactly("first", "second", "third");
		}
		assertThat(AuditJournal.sealed(this.dir)).isEmpty();
	}

	@Test
	void aSegmentLoadedBeforeTheCrashDeletedItsFileIsNotLoadedTwice() throws Exception {
		Path copy = this.dir.resolveSibling(this.dir.getFileName() + "-copy");
		try (Audit audit = start()) {
			audit.log().record(event("once"));
			Segment segment = AuditJournal.sealed(this.dir).get(0);
			Files.copy(segment.file(), copy);
			audit.loader().load();
			Files.move(copy, segment.file());
		}

		try (Audit audit = start()) {
			audit.log().record(event("after the restart"));
			assertThat(reasons(audit)).containsExactly("once", "after the restart");
		}
	}

	@Test
	void aSegmentPartlyLoadedBeforeTheCrashIsLoadedFromWhereItStopped() {
		List<RecordedEvent> events = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			events.add(recorded("event-" + i));
		}
		try (AuditJournal previousRun = new AuditJournal(this.dir, 0)) {
			previousRun.append(events);
		}
		// the previous run committed the first hundred, with its progress, and died
		JdbcClient jdbc = JdbcClient.create(this.database);
		for (AuditEvent loaded : events.subList(0, 100).stream().map(RecordedEvent::event).toList()) {
			jdbc.sql("""
					INSERT INTO audit_event (occurred_at, event_type, decision, reason, actor_account, target_account)
					VALUES (CURRENT_TIMESTAMP, :type, :decision, :reason, :account, :account)""")
				.param("type", loaded.type())
				.param("decision", loaded.decision())
				.param("reason", loaded.reason())
				.param("account", ACCOUNT)
				.update();
		}
		jdbc.sql("UPDATE audit_journal SET last_loaded_segment = 1, loaded_records = 100").update();

		try (Audit audit = start()) {
			assertThat(reasons(audit, 1000))
				.containsExactlyElementsOf(events.stream().map((recorded) -> recorded.event().reason()).toList());
		}
	}

	/**
	 * Starts the audit trail on the database and the journal directory, as Tessera's
	 * start-up does.
	 */
	private Audit start() {
		JdbcClient jdbc = JdbcClient.create(this.database);
		AuditLog log = new AuditLog(this.dir, AuditTables.progress(jdbc).segment());
		AuditJournalLoader loader = new AuditJournalLoader(log, jdbc, new AuditRows(new JdbcTemplate(this.database)),
				new DataSourceTransactionManager(this.database));
		return new Audit(log, loader, new AuditReader(jdbc, loader));
	}

	private static List<String> reasons(Audit audit) {
		return reasons(audit, 100);
	}

	private static List<String> reasons(Audit audit, int limit) {
		return audit.reader().page(new AccountId(ACCOUNT), 0, limit).stream().map(AuditEvent::reason).toList();
	}

	/**
	 * One run's audit trail; closing it shuts it down as Tessera does: the journal
	 * loaded, then closed.
	 */
	private record Audit(AuditLog log, AuditJournalLoader loader, AuditReader reader) implements AutoCloseable {

		@Override
		public void close() {
			this.loader.close();
		}

	}

	private static RecordedEvent recorded(String reason) {
		return RecordedEvent.of(event(reason));
	}

	private static AuditEvent event(String reason) {
		return new AuditEvent(0, Instant.now(), "RecoveryTest", AuditEvent.ALLOWED, reason, null, ACCOUNT, List.of(),
				null, ACCOUNT, null);
	}

}
