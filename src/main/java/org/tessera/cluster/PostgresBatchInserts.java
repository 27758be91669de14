package org.tessera.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Has the PostgreSQL driver send a batch of inserts as multi-row {@code INSERT}s
 * ({@code reWriteBatchedInserts}), so that a group of audit events costs PostgreSQL a
 * statement or two rather than one per event. Applied to the pool before it opens its
 * first connection, and only to a PostgreSQL URL: H2 refuses settings it does not know. A
 * URL that sets the option itself keeps its own value.
 */
final class PostgresBatchInserts implements BeanPostProcessor {

	static final String OPTION = "reWriteBatchedInserts";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && !pool.getJdbcUrl().contains(OPTION)
				&& !pool.getDataSourceProperties().containsKey(OPTION)) {
			pool.addDataSourceProperty(OPTION, "true");
		}
		return bean;
	}

}
