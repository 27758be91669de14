package org.tessera.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.datasource.url} names PostgreSQL, the database several nodes
 * may share: for configuration that only such a database needs (shared login sessions),
 * decided before any bean, and so by the setting rather than by {@link DatabaseKind}.
 */
public final class OnSharedDatabase implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:postgresql:");
	}

}
