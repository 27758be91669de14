package org.tessera.crypto;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the H2 database file after clear secrets were replaced by sealed ones
 * ({@code replaced} names them in the log). H2's MVStore writes changed pages to new
 * places and keeps the old ones in the file until they happen to be reused, so a clear
 * value overwritten by an UPDATE can stay readable in the file for any time; only
 * {@code SHUTDOWN COMPACT} copies the live pages into a new file. That closes the
 * database under every pooled connection, so this runs only while the server starts
 * (nothing serves requests yet), and the pool's connections are then evicted: the next
 * one opens the compacted file.
 */
public final class StorageCompaction {

	private static final Logger log = LoggerFactory.getLogger(StorageCompaction.class);

	private StorageCompaction() {
	}

	/**
	 * Compacts an H2 file database behind a Hikari pool; logs what to do by hand for any
	 * other.
	 */
	public static void compact(DataSource dataSource, String replaced) {
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				log.warn("The database is not an H2 file behind a Hikari pool: compact it offline so that no"
						+ " old page keeps {}.", replaced);
				return;
			}
			HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				String url = connection.getMetaData().getURL();
				if (url == null || !url.startsWith("jdbc:h2:file:")) {
					log.warn("The database is not an H2 file: compact it offline so that no old page keeps {}.",
							replaced);
					return;
				}
				log.info("Compacting the database file, so that no old page keeps {}", replaced);
				statement.execute("SHUTDOWN COMPACT");
				// every pooled connection, this one included, now talks to a closed
				// database
				HikariPoolMXBean connections = pool.getHikariPoolMXBean();
				if (connections != null) {
					connections.softEvictConnections();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot compact the database, which may still hold " + replaced
					+ " in old pages: with the server stopped, run SHUTDOWN COMPACT on it in H2's Shell", ex);
		}
	}

}
