package org.tessera.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.tessera.support.IntegrationTest;
import org.tessera.support.TestDatabase;

/**
 * The server's request threads: the 16 of {@code server.tomcat.threads.max} on H2, where
 * requests are CPU-bound, and 64 on PostgreSQL, where a token exchange waits for its
 * audit event's commit.
 */
class RequestThreadsTests extends IntegrationTest {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerHasSixteenRequestThreadsOnH2AndSixtyFourOnPostgresql() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
		assertThat(protocol.getMaxThreads()).isEqualTo(TestDatabase.isPostgresql() ? 64 : 16);
	}

}
