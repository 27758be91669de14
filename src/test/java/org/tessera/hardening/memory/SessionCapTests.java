package org.tessera.hardening.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * The server holds a bounded number of sessions (here 12) and answers a login starting
 * beyond them 503 in JSON, not 500. A server of its own, since this uses up its places:
 * sessions of unfinished logins free them only after minutes.
 */
@SpringBootTest(classes = TesseraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SessionCapTests {

	private static final int PORT = IntegrationTest.freePort();

	private static final String BASE = "http://localhost:" + PORT;

	private static final Path DATA = Path.of("target", "it-data", "session-cap-" + UUID.randomUUID()).toAbsolutePath();

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
	void beyondTheCapAStartingLoginIsAnswered503InJsonNotA500() {
		int refused = 0;
		for (int i = 0; i < MAX_SESSIONS + 5; i++) {
			// a new browser each time: each starts a login, which needs a session
			Http.Response authorize = this.tessera.authorize(new Http(BASE));
			if (authorize.status() == 503) {
				refused++;
				assertThat(authorize.contentType()).contains("json");
				assertThat(authorize.header("Retry-After")).isNotBlank();
				assertThat(authorize.body()).contains("retry").doesNotContain("Exception");
			}
			else {
				assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
				assertThat(authorize.header("Location")).endsWith("/login");
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(5);
		// the server itself is fine: tokens are still served
		String account = this.tessera.signUp();
		assertThat(this.tessera.http().get("/.well-known/oauth-authorization-server", null).status()).isEqualTo(200);
		assertThat(account).isNotBlank();
	}

}
