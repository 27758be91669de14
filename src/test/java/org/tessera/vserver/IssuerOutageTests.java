package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * vServer whose issuer is down: a well-formed token cannot be checked, which is vServer's
 * problem, so it answers 503 problem+json with Retry-After, every time (not a 500, and
 * not a 401 that would make a client throw away a good token); a token that is not even a
 * JWT is still the caller's 401.
 */
class IssuerOutageTests {

	@Test
	void aWellFormedTokenGets503WhileTheIssuersKeysCannotBeFetched() throws Exception {
		String deadIssuer = "http://localhost:" + IntegrationTest.freePort();
		int port = IntegrationTest.freePort();
		try (ConfigurableApplicationContext vServer = VServerApplication.start("--server.port=" + port,
				"--tessera.vserver.issuer=" + deadIssuer)) {
			Http http = new Http("http://localhost:" + port);
			String token = AccessTokens.signedBy(AccessTokens.key("k1"), deadIssuer);

			for (int attempt = 0; attempt < 3; attempt++) {
				Http.Response response = http.get("/vserver/v1/accounts/123456789012/servers", token);
				assertThat(response.status()).as(response.toString()).isEqualTo(503);
				assertThat(response.contentType()).contains("application/problem+json");
				assertThat(response.header("Retry-After")).isEqualTo("5");
			}
			Http.Response garbage = http.get("/vserver/v1/accounts/123456789012/servers", "not-a-jwt");
			assertThat(garbage.status()).isEqualTo(401);
		}
	}

}
