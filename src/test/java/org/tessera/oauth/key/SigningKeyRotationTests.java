package org.tessera.oauth.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.TestDatabase;
import org.tessera.vserver.VServerApplication;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the signing key as the operator does it (on the management port) and as the
 * schedule does: the new key is in the JWK set before it signs anything, signs from its
 * activation on, tokens signed by the old key keep working, and vServer accepts the new
 * key's tokens without a restart.
 */
@Tag("storage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeyRotationTests {

	private static final Duration PUBLISH_AHEAD = Duration.ofSeconds(2);

	private ConfigurableApplicationContext server;

	private ConfigurableApplicationContext vServer;

	private Tessera tessera;

	private Http management;

	private Http vServerHttp;

	@BeforeAll
	void start() {
		int port = IntegrationTest.freePort();
		int vServerPort = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		Path data = Path.of("target", "rotation-data", UUID.randomUUID().toString()).toAbsolutePath();
		this.server = new SpringApplicationBuilder(TesseraApplication.class).run(TestDatabase.withDatabase(
				"--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data,
				"--tessera.signing.publish-ahead=" + PUBLISH_AHEAD, "--tessera.signing.rotation-period=PT6S"));
		this.vServer = VServerApplication.start("--server.port=" + vServerPort, "--tessera.vserver.issuer=" + issuer);
		this.tessera = new Tessera(issuer);
		this.management = new Http(
				"http://127.0.0.1:" + this.server.getEnvironment().getProperty("local.management.port"));
		this.vServerHttp = new Http("http://localhost:" + vServerPort);
	}

	@AfterAll
	void stop() {
		this.vServer.close();
		this.server.close();
	}

	@Test
	void anOperatorsRotationPublishesTheNewKeyFirstAndOldTokensKeepWorking() throws Exception {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String servers = "/vserver/v1/accounts/" + world.accountB() + "/servers";
		String before = this.tessera.serviceAccountToken(world.saOfB());
		assertThat(this.vServerHttp.get(servers, before).status()).isEqualTo(200);

		Http.Response rotated = this.management.post("/actuator/signingkeys", null, Map.of());
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String newKid = rotated.json().get("kid").asString();
		assertThat(rotated.json().get("state").asString()).isEqualTo("published");
		assertThat(rotated.body()).doesNotContain("\"d\"");

		assertThat(publishedKids()).contains(kidOf(before), newKid);
		assertThat(kidOf(this.tessera.serviceAccountToken(world.saOfB()))).isEqualTo(kidOf(before));

		Thread.sleep(PUBLISH_AHEAD.toMillis() + 200);
		String after = this.tessera.serviceAccountToken(world.saOfB());
		assertThat(kidOf(after)).isEqualTo(newKid);
		assertThat(publishedKids()).contains(kidOf(before), newKid);
		assertThat(this.vServerHttp.get(servers, after).status()).as("vServer, not restarted").isEqualTo(200);
		assertThat(this.vServerHttp.get(servers, before).status()).as("the old key's token").isEqualTo(200);
		assertThat(introspect(world, before).get("active").asBoolean()).isTrue();
		assertThat(this.tessera.http()
			.get("/iam/v1/accounts/" + world.accountB() + "/service-accounts", world.rootB())
			.status()).as("a root token signed by the old key").isEqualTo(200);

		JsonNode keys = this.management.get("/actuator/signingkeys", null).json();
		assertThat(keys.toString()).contains(newKid, "\"signing\"", "\"retiring\"").doesNotContain("\"d\"");
	}

	@Test
	void theScheduleRotatesADueKey() {
		SigningKeys keys = this.server.getBean(SigningKeys.class);
		String signing = keys.activeKeyId();
		Instant dueAt = keys.keys()
			.stream()
			.filter((key) -> key.kid().equals(signing))
			.findFirst()
			.orElseThrow()
			.activatesAt()
			.plusSeconds(6)
			.minus(PUBLISH_AHEAD);
		while (Instant.now().isBefore(dueAt)) {
			Thread.onSpinWait();
		}

		keys.maintain();

		assertThat(keys.keys()).anySatisfy((key) -> assertThat(key.state()).isEqualTo("published"));
		assertThat(publishedKids()).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void theSigningKeysAreNotOnTheServerPort() {
		assertThat(this.tessera.http().get("/actuator/signingkeys", null).status()).isEqualTo(404);
		assertThat(this.tessera.http().post("/actuator/signingkeys", null, Map.of()).status()).isIn(401, 403, 404);
	}

	private List<String> publishedKids() {
		JsonNode keys = this.tessera.http().get("/oauth2/jwks", null).json().get("keys");
		return keys.valueStream().map((key) -> key.get("kid").asString()).toList();
	}

	private static String kidOf(String token) {
		return Tessera.header(token).get("kid").asString();
	}

	private JsonNode introspect(Tessera.Walkthrough world, String token) {
		Http.Response response = this.tessera.http()
			.form("/oauth2/introspect", Http.fields("token", token), world.saOfB().id(), world.saOfB().secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

}
