package org.tessera.health;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Makes the connection pool drop a connection whose statement failed because the database
 * is closed. Such a connection still passes the pool's check and never recovers; a new
 * connection opens the database file again. Installed with
 * {@code spring.datasource.hikari.exception-override-class-name}; every other failure is
 * left to the pool's own judgement.
 */
public final class ClosedDatabaseEviction implements SQLExceptionOverride {

	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException ex) {
		return DatabaseFailures.isClosedDatabase(ex) ? SQLExceptionOverride.Override.MUST_EVICT
				: SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

}
