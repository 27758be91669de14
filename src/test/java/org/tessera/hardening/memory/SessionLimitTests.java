package org.tessera.hardening.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * Only a login under way creates an HTTP session: requests of strangers for any other
 * path are answered without one, so logins keep their places under a small cap (here 12).
 * A server of its own, with that small cap; what happens beyond it is
 * {@link SessionCapTests}, on another server, since it uses the places up.
 */
@SpringBootTest(classes = TesseraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SessionLimitTests {

	private static final int PORT = IntegrationTest.freePort();

	private static final String BASE = "http://localhost:" + PORT;

	private static final Path DATA = Path.of("target", "it-data", "sessions-" + UUID.randomUUID()).toAbsolutePath();

	private static final int MAX_SESSIONS = 12;

	private final Tessera tessera = new Tessera(BASE);

	@DynamicPropertySource
	static void server(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("tessera.issuer", () -> BASE);
		registry.add("tessera.data-dir", DATA::toString);
		registry.add("tessera.login.max-sessions", () -> MAX_SESSIONS);
	}

	@Test
	void requestsOfStrangersForAnyOtherPathGetNoSession() {
		Http http = this.tessera.http();
		for (int i = 0; i < 3 * MAX_SESSIONS; i++) {
			for (Http.Response response : List.of(http.get("/anything-" + i, null), http.browse("/anything-" + i),
					http.browse("/"), http.exchange("POST", "/anything", "{}", "Content-Type", "application/json"),
					http.get("/oauth2/authorize?response_type=code&client_id=tessera-cli", null),
					http.get("/actuator/env", null), http.get("/iam/v1/accounts/1/users", null))) {
				assertThat(response.headers().firstValue("Set-Cookie")).as(response.toString()).isEmpty();
				assertThat(response.status()).as(response.toString()).isIn(400, 401, 403, 404, 405);
				assertThat(response.contentType()).as(response.toString()).contains("json");
			}
		}
		// none of them took a place: logins still work
		String account = this.tessera.signUp();
		assertThat(this.tessera.loginRoot(account)).isNotBlank();
	}

	@Test
	void aLoginStillGoesBackToTheAuthorizationRequestAndEndsWithACode() {
		String account = this.tessera.signUp();
		Http browser = new Http(BASE);
		String code = this.tessera.authorizationCode(browser, account, "", Tessera.PASSWORD);
		assertThat(code).isNotBlank();
		assertThat(this.tessera.redeem(code).status()).isEqualTo(200);
		// the browser stays logged in: a new authorization request is answered with a
		// code at once
		assertThat(Tessera.codeOf(this.tessera.authorize(browser))).isNotBlank();
	}

}
