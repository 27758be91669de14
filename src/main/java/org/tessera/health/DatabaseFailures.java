package org.tessera.health;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells a failure of the database itself (closed under the process, no connection to be
 * had) from a failure of one statement. H2 closes its database when the heap runs out
 * inside it, and from then on every statement on an open connection fails with
 * {@value #DATABASE_IS_CLOSED}; a connection opened afterwards reopens the file.
 */
public final class DatabaseFailures {

	/**
	 * H2: "The database has been closed", after it shut itself down (for one, out of
	 * memory inside it).
	 */
	public static final int DATABASE_IS_CLOSED = 90098;

	/** H2: "Database is already closed", after {@code SHUTDOWN}. */
	public static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

	private DatabaseFailures() {
	}

	/**
	 * Whether this SQL error says the database is closed, so that the connection it came
	 * from is dead.
	 */
	public static boolean isClosedDatabase(SQLException ex) {
		int code = ex.getErrorCode();
		String state = ex.getSQLState();
		return code == DATABASE_IS_CLOSED || code == DATABASE_CALLED_AT_SHUTDOWN
				|| String.valueOf(DATABASE_IS_CLOSED).equals(state)
				|| String.valueOf(DATABASE_CALLED_AT_SHUTDOWN).equals(state);
	}

	/**
	 * Whether {@code failure}, or one of its causes, says the database cannot serve at
	 * all right now: closed, or no connection could be had. Such a request may succeed
	 * when retried shortly.
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql
					&& (isClosedDatabase(sql) || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
