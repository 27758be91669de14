package org.tessera.hardening.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * When H2 closes its database under the running server, as it does when the heap runs out
 * inside it, the server does not stay up half-dead: requests that fail meanwhile get 503
 * in JSON (never a 500), the health probes say so, and within seconds the database is
 * open again, tokens are served and the management API works, with every write made
 * before the close still there. A server of its own, since its database is closed under
 * it.
 */
@SpringBootTest(classes = TesseraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DatabaseRecoveryTests {

	private static final int PORT = IntegrationTest.freePort();

	private static final String BASE = "http://localhost:" + PORT;

	private static final Path DATA = Path.of("target", "it-data", "db-recovery-" + UUID.randomUUID()).toAbsolutePath();

	@Autowired
	private DataSource dataSource;

	private static final int MANAGEMENT_PORT = IntegrationTest.freePort();

	private final Tessera tessera = new Tessera(BASE);

	private final Http management = new Http("http://127.0.0.1:" + MANAGEMENT_PORT);

	@DynamicPropertySource
	static void server(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("tessera.issuer", () -> BASE);
		registry.add("tessera.data-dir", DATA::toString);
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
	}

	@Test
	void healthAndReadinessAnswerJsonWithoutATokenOnTheManagementPortAndNoOtherActuatorEndpointIsOpen() {
		Http http = this.management;
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			Http.Response response = http.get(path, null);
			assertThat(response.status()).as(path + " " + response).isEqualTo(200);
			assertThat(response.contentType()).as(path).contains("json");
			assertThat(response.json().get("status").asString()).isEqualTo("UP");
			assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
		for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/metrics", "/actuator/info")) {
			Http.Response response = http.get(path, null);
			assertThat(response.status()).as(path + " " + response).isIn(401, 404);
			assertThat(response.body()).as(path).doesNotContain("spring.datasource");
		}
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/signingkeys")) {
			Http.Response response = this.tessera.http().get(path, null);
			assertThat(response.status()).as("on the server port: " + path + " " + response).isEqualTo(404);
		}
	}

	@Test
	void afterTheDatabaseClosedUnderTheServerItReopensWithinSecondsAndNothingWrittenBeforeIsLost() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "worker", List.of(),
				List.of("vServerFullAccess"));
		this.tessera.createPolicy(account, root, "WrittenBeforeTheClose", "Allow", List.of("vserver:GetServer"),
				List.of("*"));
		assertThat(this.tessera.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);

		closeTheDatabaseAsH2DoesWhenOutOfMemory();

		// every answer from now on is a success or a 503 in JSON: never a 500, an HTML
		// page or a stack trace
		List<Http.Response> meanwhile = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Http.Response token = this.tessera.clientCredentials(sa.id(), sa.secret());
			Http.Response policy = this.tessera.http()
				.get("/iam/v1/accounts/" + account + "/policies/WrittenBeforeTheClose", root);
			Http.Response health = this.management.get("/actuator/health/readiness", null);
			meanwhile.addAll(List.of(token, policy, health));
			for (Http.Response response : List.of(token, policy, health)) {
				assertThat(response.status()).as(response.toString()).isIn(200, 503);
				assertThat(response.contentType()).as(response.toString()).contains("json");
			}
			assertThat(token.status()).as(token.toString()).isEqualTo(200);
			assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
			assertThat(health.status()).as(health.toString()).isEqualTo(200);
		});
		assertThat(meanwhile).allSatisfy((response) -> {
			assertThat(response.status()).as(response.toString()).isIn(200, 503);
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("90098");
		});

		// the management API writes again, and what was written before the close is still
		// there
		this.tessera.createPolicy(account, root, "WrittenAfterTheClose", "Allow", List.of("vserver:GetServer"),
				List.of("*"));
		Http.Response serviceAccount = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id(), root);
		assertThat(serviceAccount.status()).as(serviceAccount.toString()).isEqualTo(200);
		assertThat(this.management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
	}

	@Test
	void aRequestOnAConnectionOfTheClosedDatabaseIsAnswered503NotA500() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		try (Connection held = this.dataSource.getConnection()) {
			closeTheDatabaseAsH2DoesWhenOutOfMemory(held);
		}
		// the connection just given back was in use during the close: the next request
		// may well get it
		Http.Response answer = this.tessera.http().get("/iam/v1/accounts/" + account + "/policies", root);
		assertThat(answer.status()).as(answer.toString()).isIn(200, 503);
		assertThat(answer.contentType()).contains("json");
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.tessera.http().get("/iam/v1/accounts/" + account + "/policies", root).status() == 200);
	}

	private void closeTheDatabaseAsH2DoesWhenOutOfMemory() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			closeTheDatabaseAsH2DoesWhenOutOfMemory(connection);
		}
	}

	/**
	 * What H2 does when an OutOfMemoryError reaches it inside a statement: the database
	 * closes at once, while the sessions of the pooled connections stay open and answer
	 * every statement with "The database has been closed [90098]".
	 */
	private static void closeTheDatabaseAsH2DoesWhenOutOfMemory(Connection connection) throws Exception {
		SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
		session.getDatabase().shutdownImmediately();
	}

}
