package org.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.tessera.support.IntegrationTest;
import org.tessera.support.TestDatabase;

/**
 * The server's connections to PostgreSQL send batched inserts as multi-row statements,
 * which is what keeps a group commit of audit events cheap for PostgreSQL, though the URL
 * given does not ask for it.
 */
class PostgresBatchInsertsTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void theServersPostgresqlConnectionsRewriteBatchedInserts() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isPostgresql(), "a setting of PostgreSQL's driver");
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).doesNotContain(PostgresBatchInserts.OPTION);
			assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
				.isTrue();
		}
	}

}
