package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.TestDatabase;

/**
 * {@code tessera.sign-up.mode}: open (the shared test server), invite-only and closed,
 * each on a server of its own.
 */
@Tag("storage")
class SignUpModeTests {

	private static final String OPERATOR_KEY = "operator-key-of-at-least-32-characters-" + UUID.randomUUID();

	@Test
	void inviteOnlySignUpTakesTheOperatorKeyAndNothingElse() {
		int port = IntegrationTest.freePort();
		try (ConfigurableApplicationContext server = start(port, "--tessera.sign-up.mode=invite-only",
				"--tessera.sign-up.operator-key=" + OPERATOR_KEY)) {
			Http http = new Http("http://localhost:" + port);

			Http.Response anyone = signUp(http);
			Http.Response wrongKey = signUp(http, "Authorization", "Bearer " + OPERATOR_KEY + "x");
			Http.Response operator = signUp(http, "Authorization", "Bearer " + OPERATOR_KEY);

			for (Http.Response refused : new Http.Response[] { anyone, wrongKey }) {
				assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
				assertThat(refused.contentType()).startsWith("application/problem+json");
				assertThat(refused.json().get("detail").asString()).contains("by invitation");
			}
			assertThat(operator.status()).as(operator.toString()).isEqualTo(201);
			Tessera tessera = new Tessera("http://localhost:" + port);
			assertThat(tessera.loginRoot(operator.json().get("id").asString())).as("the invited root logs in")
				.isNotBlank();
		}
	}

	@Test
	void closedSignUpIsRefusedForEveryoneEvenTheOperator() {
		int port = IntegrationTest.freePort();
		try (ConfigurableApplicationContext server = start(port, "--tessera.sign-up.mode=closed",
				"--tessera.sign-up.operator-key=" + OPERATOR_KEY)) {
			Http http = new Http("http://localhost:" + port);

			for (Http.Response refused : new Http.Response[] { signUp(http),
					signUp(http, "Authorization", "Bearer " + OPERATOR_KEY) }) {
				assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
				assertThat(refused.contentType()).startsWith("application/problem+json");
				assertThat(refused.json().get("detail").asString()).contains("sign-up is closed");
			}
		}
	}

	@Test
	void inviteOnlyWithoutAnOperatorKeyDoesNotStart() {
		int port = IntegrationTest.freePort();

		assertThatThrownBy(() -> start(port, "--tessera.sign-up.mode=invite-only").close())
			.hasStackTraceContaining("tessera.sign-up.mode=invite-only needs tessera.sign-up.operator-key");
	}

	private static Http.Response signUp(Http http, String... headers) {
		return http.exchange("POST", "/iam/v1/accounts",
				Http.JSON.writeValueAsString(
						Map.of("email", "root-" + UUID.randomUUID() + "@example.test", "password", Tessera.PASSWORD)),
				withJson(headers));
	}

	private static String[] withJson(String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

	private static ConfigurableApplicationContext start(int port, String... args) {
		Path data = Path.of("target", "sign-up-data", UUID.randomUUID().toString()).toAbsolutePath();
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=" + port;
		all[1] = "--tessera.data-dir=" + data;
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplicationBuilder(TesseraApplication.class).run(TestDatabase.withDatabase(all));
	}

}
