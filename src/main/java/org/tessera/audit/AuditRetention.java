package org.tessera.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.cluster.ClusterLock;

/**
 * Deletes audit events older than {@code tessera.audit.retention}, so that nobody can
 * fill an account's log for ever. Runs every minute and deletes at most
 * {@value #MAX_PER_RUN} events a run, in transactions of {@value #BATCH} (their
 * visibility rows go with them): a purge never holds rows for long, and never keeps the
 * scheduler's one thread (which also loads the audit journal) busy for more than a
 * moment, however much it finds. A backlog is worked off run by run.
 */
@Component
public class AuditRetention {

	private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

	private static final int BATCH = 200;

	private static final int MAX_PER_RUN = 10_000;

	private static final long INTERVAL_MILLIS = 60_000;

	private static final long FIRST_DELAY_MILLIS = 60_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	private final ClusterLock lock;

	public AuditRetention(JdbcClient jdbc, Clock clock, TesseraProperties properties, ClusterLock lock) {
		this.jdbc = jdbc;
		this.lock = lock;
		this.clock = clock;
		this.retention = properties.audit().retention();
		if (this.retention.isNegative() || this.retention.isZero()) {
			throw new IllegalArgumentException("tessera.audit.retention must be positive, not " + this.retention);
		}
	}

	/** The periodic purge, run by one node at a time. */
	@Scheduled(initialDelay = FIRST_DELAY_MILLIS, fixedDelay = INTERVAL_MILLIS)
	void scheduledPurge() {
		this.lock.runAlone("audit-retention", this::purge);
	}

	/**
	 * Deletes events that occurred longer than the retention ago, at most
	 * {@value #MAX_PER_RUN}.
	 * @return how many were deleted
	 */
	public long purge() {
		OffsetDateTime cutoff = OffsetDateTime.ofInstant(this.clock.instant().minus(this.retention), ZoneOffset.UTC);
		// a transaction of its own per batch: the JdbcClient runs each statement in
		// auto-commit
		long deleted = 0;
		int batch;
		do {
			batch = this.jdbc
				.sql("DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE occurred_at < :cutoff"
						+ " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY)")
				.param("cutoff", cutoff)
				.update();
			deleted += batch;
		}
		while (batch == BATCH && deleted < MAX_PER_RUN);
		if (deleted > 0) {
			LOG.info("Purged {} audit events that occurred before {}", deleted, cutoff.toInstant());
		}
		return deleted;
	}

}
