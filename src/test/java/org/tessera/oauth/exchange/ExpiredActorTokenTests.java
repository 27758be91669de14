package org.tessera.oauth.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * Issue 3: a token this server issued, once expired, cannot act, and is refused with the same
 * body as every other refusal; an impersonated token never outlives its actor token. Runs its
 * own server with two-second access tokens.
 */
class ExpiredActorTokenTests {

	@Test
	void anExpiredActorTokenIsRefusedLikeAnyOtherAndImpersonatedTokensNeverOutliveIt() {
		int port = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		Path data = Path.of("target", "expiry-data", UUID.randomUUID().toString()).toAbsolutePath();
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TesseraApplication.class).run(
				"--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data,
				"--tessera.tokens.access-token-lifetime=PT2S")) {
			Tessera tessera = new Tessera(issuer);
			Tessera.Walkthrough world = tessera.walkthrough();
			String system1 = tessera.login(world.accountA(), "System1", Tessera.PASSWORD);

			Http.Response fresh = tessera.impersonate(world.saOfB().id(), system1);
			assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
			assertThat(fresh.json().get("expires_in").asLong()).isLessThanOrEqualTo(2);
			assertThat(Tessera.claims(Tessera.accessToken(fresh)).get("exp").asLong())
				.isLessThanOrEqualTo(Tessera.claims(system1).get("exp").asLong());

			await().atMost(Duration.ofSeconds(8))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> tessera.impersonate(world.saOfB().id(), system1).status() == 400);
			Http.Response expired = tessera.impersonate(world.saOfB().id(), system1);
			assertThat(expired.json().get("error_description").asString()).isEqualTo(
					"Permission iam:ImpersonateServiceAccount denied on " + world.saOfB().id() + " (or it may not exist)");
		}
	}

}
