package org.tessera.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Which database this server runs on, read once from the driver at start: embedded H2,
 * which one process owns, or PostgreSQL, which several nodes may share. The few places
 * that work differently (the cluster channel, the audit trail's path to the database) ask
 * it.
 */
public enum DatabaseKind {

	/** H2 in the data directory: one node. */
	H2,

	/** PostgreSQL: any number of nodes. */
	POSTGRESQL;

	/** Whether other nodes may share this database. */
	public boolean isShared() {
		return this == POSTGRESQL;
	}

	static DatabaseKind of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("postgres")) {
				return POSTGRESQL;
			}
			if (product.contains("h2")) {
				return H2;
			}
			throw new IllegalStateException("Tessera runs on H2 or PostgreSQL, not on " + product);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("the database cannot be reached", ex);
		}
	}

}
