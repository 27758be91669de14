package org.tessera.cluster;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the cluster channel by the database: {@code LISTEN/NOTIFY} on PostgreSQL,
 * nothing to tell on H2.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	@Bean
	static PostgresBatchInserts postgresBatchInserts() {
		return new PostgresBatchInserts();
	}

	@Bean
	DatabaseKind databaseKind(DataSource dataSource) {
		return DatabaseKind.of(dataSource);
	}

	@Bean
	Cluster cluster(DatabaseKind kind, DataSource dataSource, JdbcClient jdbc,
			ObjectProvider<ClusterListener> listeners) {
		return kind.isShared() ? new PostgresCluster(dataSource, jdbc, listeners) : new SingleNode();
	}

}
