package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * vServer whose issuer is down: a well-formed token cannot be checked, which is vServer's
 * problem, so it answers 503 problem+json with Retry-After, every time (not a 500, and not a
 * 401 that would make a client throw away a good token); a token that is not even a JWT is
 * still the caller's 401.
 */
class IssuerOutageTests {

	@Test
	void aWellFormedTokenGets503WhileTheIssuersKeysCannotBeFetched() throws Exception {
		String deadIssuer = "http://localhost:" + IntegrationTest.freePort();
		int port = IntegrationTest.freePort();
		try (ConfigurableApplicationContext vServer = VServerApplication.start("--server.port=" + port,
				"--tessera.vserver.issuer=" + deadIssuer)) {
			Http http = new Http("http://localhost:" + port);
			String token = wellFormedToken(deadIssuer);

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

	private static String wellFormedToken(String issuer) throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(new JOSEObjectType("at+jwt")).build(),
				new JWTClaimsSet.Builder().issuer(issuer)
					.subject("crn:iam:123456789012:root")
					.audience("tessera")
					.jwtID("j1")
					.claim("client_id", "tessera-cli")
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 60_000))
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
