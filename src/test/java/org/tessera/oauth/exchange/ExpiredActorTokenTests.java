package org.tessera.oauth.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * Issue 3: a token this server issued, once expired, cannot act, and is refused with the
 * same body as every other refusal; an impersonated token never outlives its actor token,
 * and an actor token too close to its end to outlive the issuing is refused the same way,
 * not with a server error. Runs its own server with two-second access tokens.
 */
@Tag("storage")
class ExpiredActorTokenTests {

	private static ConfigurableApplicationContext server;

	private static String issuer;

	@BeforeAll
	static void serverWithTwoSecondTokens() {
		int port = IntegrationTest.freePort();
		issuer = "http://localhost:" + port;
		Path data = Path.of("target", "expiry-data", UUID.randomUUID().toString()).toAbsolutePath();
		server = new SpringApplicationBuilder(TesseraApplication.class)
			.run(TestDatabase.withDatabase("--server.port=" + port, "--tessera.issuer=" + issuer,
					"--tessera.data-dir=" + data, "--tessera.tokens.access-token-lifetime=PT4S"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void anExpiredActorTokenIsRefusedLikeAnyOtherAndImpersonatedTokensNeverOutliveIt() {
		Tessera tessera = new Tessera(issuer);
		Tessera.Walkthrough world = tessera.walkthrough();
		String system1 = tessera.login(world.accountA(), "System1", Tessera.PASSWORD);

		Http.Response fresh = tessera.impersonate(world.saOfB().id(), system1);
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
		assertThat(fresh.json().get("expires_in").asLong()).isLessThanOrEqualTo(4);
		assertThat(Tessera.claims(Tessera.accessToken(fresh)).get("exp").asLong())
			.isLessThanOrEqualTo(Tessera.claims(system1).get("exp").asLong());

		await().atMost(Duration.ofSeconds(12))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> tessera.impersonate(world.saOfB().id(), system1).status() == 400);
		Http.Response expired = tessera.impersonate(world.saOfB().id(), system1);
		assertRefused(expired, world);
	}

	@Test
	void anActorTokenWithUnderASecondLeftIsRefusedLikeAnExpiredOneNotWithAServerError() {
		Tessera tessera = new Tessera(issuer);
		Tessera.Walkthrough world = tessera.walkthrough();
		String system1 = tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		Instant nearlyOver = Instant.ofEpochSecond(Tessera.claims(system1).get("exp").asLong()).minusMillis(900);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> Instant.now().isAfter(nearlyOver));

		Http.Response refused = tessera.impersonate(world.saOfB().id(), system1);

		assertRefused(refused, world);
		JsonNode events = tessera.http()
			.get("/iam/v1/accounts/" + world.accountB() + "/audit-events", tessera.loginRoot(world.accountB()))
			.json()
			.get("items");
		assertThat(events.toString()).contains("\"decision\":\"DENIED\"", "\"reason\":\"actor_token_invalid\"");
	}

	private static void assertRefused(Http.Response response, Tessera.Walkthrough world) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("error_description").asString()).isEqualTo(
				"Permission iam:ImpersonateServiceAccount denied on " + world.saOfB().id() + " (or it may not exist)");
	}

}
