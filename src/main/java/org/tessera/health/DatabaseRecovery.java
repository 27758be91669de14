package org.tessera.health;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tessera.problem.TemporaryFailures;

/**
 * Reopens the database after it closed under the process: every pooled connection is
 * retired (at once when idle, when given back otherwise), so that the next statement runs
 * on a new connection, which opens the database file again. Nothing committed is lost:
 * every commit reached the file before it was acknowledged. As the store's
 * {@link TemporaryFailures}, it lets the management API answer an outage 503.
 */
@Component
public class DatabaseRecovery implements TemporaryFailures {

	private static final Logger log = LoggerFactory.getLogger(DatabaseRecovery.class);

	private final DataSource dataSource;

	public DatabaseRecovery(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Called when a request failed for {@link DatabaseFailures#isUnavailable}: retires
	 * the pool's connections.
	 */
	public void databaseUnavailable(Throwable failure) {
		if (this.dataSource instanceof HikariDataSource hikari && !hikari.isClosed()) {
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			if (pool != null) {
				pool.softEvictConnections();
			}
		}
		log.warn("The database is unavailable; its connections are renewed so that it reopens: {}",
				rootMessage(failure));
	}

	/**
	 * Whether {@code failure} is the database being unavailable; if so, its connections
	 * are renewed.
	 */
	@Override
	public boolean isTemporary(Throwable failure) {
		if (!DatabaseFailures.isUnavailable(failure)) {
			return false;
		}
		databaseUnavailable(failure);
		return true;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
