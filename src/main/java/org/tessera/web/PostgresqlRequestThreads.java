package org.tessera.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Gives the server more request threads when it runs on PostgreSQL. There a token
 * exchange holds its thread until its audit event is committed, which waits for the
 * database's flush to disk; with the 16 threads that suit the CPU-bound work on H2 (see
 * {@code src/site/markdown/decisions/0011-request-threads-on-postgresql.md}) the threads
 * rather than the processors then bound the exchanges. On a PostgreSQL datasource URL the
 * connector gets {@code tessera.web.request-threads-on-postgresql} (64) threads instead
 * of {@code server.tomcat.threads.max}. Ordered last, after Spring Boot's own customizer.
 */
final class PostgresqlRequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	static final String PROPERTY = "tessera.web.request-threads-on-postgresql";

	static final int DEFAULT_THREADS = 64;

	private final Environment environment;

	PostgresqlRequestThreads(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		String url = this.environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			return;
		}
		int threads = this.environment.getProperty(PROPERTY, Integer.class, DEFAULT_THREADS);
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxThreads(threads);
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
