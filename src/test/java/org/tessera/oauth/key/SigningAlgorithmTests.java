package org.tessera.oauth.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.vserver.VServerApplication;
import org.tessera.support.TestDatabase;

/**
 * {@code tessera.signing.algorithm=EdDSA} and {@code RS256} end to end (ES256, the
 * default, is what every other test runs): tokens of every grant carry the algorithm,
 * verify against the published key with an independent verifier, are accepted by
 * introspection and vServer, and discovery names the algorithm ID tokens really use. For
 * Ed25519, whose verification Tessera wires itself, forged and tampered tokens are
 * refused.
 */
@Tag("storage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningAlgorithmTests {

	private final Map<String, Server> servers = new HashMap<>();

	record Server(ConfigurableApplicationContext authorization, ConfigurableApplicationContext vServer, Tessera tessera,
			Http vServerHttp) {
	}

	@BeforeAll
	void start() {
		for (String algorithm : List.of("EdDSA", "RS256")) {
			int port = IntegrationTest.freePort();
			int vServerPort = IntegrationTest.freePort();
			String issuer = "http://localhost:" + port;
			Path data = Path.of("target", "signing-data", UUID.randomUUID().toString()).toAbsolutePath();
			ConfigurableApplicationContext authorization = new SpringApplicationBuilder(TesseraApplication.class)
				.run(TestDatabase.withDatabase("--server.port=" + port, "--tessera.issuer=" + issuer,
						"--tessera.data-dir=" + data, "--tessera.signing.algorithm=" + algorithm));
			ConfigurableApplicationContext vServer = VServerApplication.start("--server.port=" + vServerPort,
					"--tessera.vserver.issuer=" + issuer);
			this.servers.put(algorithm, new Server(authorization, vServer, new Tessera(issuer),
					new Http("http://localhost:" + vServerPort)));
		}
	}

	@AfterAll
	void stop() {
		this.servers.values().forEach((server) -> {
			server.vServer().close();
			server.authorization().close();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "EdDSA", "RS256" })
	void everyGrantSignsWithTheConfiguredAlgorithmAndTheTokensVerifyEverywhere(String algorithm) throws Exception {
		Server server = this.servers.get(algorithm);
		Tessera tessera = server.tessera();
		Tessera.Walkthrough w = tessera.walkthrough();
		String saToken = tessera.serviceAccountToken(w.saOfB());
		String system1 = tessera.login(w.accountA(), "System1", Tessera.PASSWORD);
		String impersonated = Tessera.accessToken(tessera.impersonate(w.saOfB().id(), system1));
		String idToken = tessera.openIdLogin(w.accountA(), "", Tessera.PASSWORD).json().get("id_token").asString();

		for (String token : List.of(saToken, w.rootA(), system1, impersonated, idToken)) {
			assertThat(Tessera.header(token).get("alg").asString()).isEqualTo(algorithm);
			assertThat(verifiesWithPublishedKey(tessera, token)).as("signature checks with the JWKS").isTrue();
		}
		assertThat(introspect(tessera, w, impersonated).get("active").asBoolean()).isTrue();
		Http.Response created = server.vServerHttp()
			.post("/vserver/v1/accounts/" + w.accountB() + "/servers", impersonated, Map.of("name", "signed-1"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(tessera.http()
			.get("/.well-known/openid-configuration", null)
			.json()
			.get("id_token_signing_alg_values_supported")
			.toString()).isEqualTo("[\"" + algorithm + "\"]");
	}

	@Test
	void anEd25519TokenSignedByAnotherKeyUnderTheRealKeyIdIsRefused() throws Exception {
		Server server = this.servers.get("EdDSA");
		Tessera tessera = server.tessera();
		Tessera.Walkthrough w = tessera.walkthrough();
		String real = tessera.serviceAccountToken(w.saOfB());
		SignedJWT parsed = SignedJWT.parse(real);
		OctetKeyPair attacker = new OctetKeyPairGenerator(Curve.Ed25519).generate();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(parsed.getHeader().getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build(), parsed.getJWTClaimsSet());
		forged.sign(new Ed25519Signer(attacker));
		String[] parts = real.split("\\.");
		String otherAccount = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(w.accountB(), w.accountA());
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(otherAccount.getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];

		String servers = "/vserver/v1/accounts/" + w.accountB() + "/servers";
		assertThat(server.vServerHttp().get(servers, real).status()).as("positive control").isEqualTo(200);
		assertThat(tampered).isNotEqualTo(real);
		for (String token : List.of(forged.serialize(), tampered)) {
			assertThat(server.vServerHttp().get(servers, token).status()).isEqualTo(401);
			assertThat(introspect(tessera, w, token).get("active").asBoolean()).isFalse();
			assertThat(tessera.http().get("/iam/v1/accounts/" + w.accountB() + "/service-accounts", token).status())
				.isEqualTo(401);
		}
	}

	private static tools.jackson.databind.JsonNode introspect(Tessera tessera, Tessera.Walkthrough w, String token) {
		ServiceAccountCredentials sa = w.saOfB();
		Http.Response response = tessera.http()
			.form("/oauth2/introspect", Http.fields("token", token), sa.id(), sa.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static boolean verifiesWithPublishedKey(Tessera tessera, String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		JWK key = JWKSet.parse(tessera.http().get("/oauth2/jwks", null).body())
			.getKeyByKeyId(jwt.getHeader().getKeyID());
		JWSVerifier verifier = (key instanceof OctetKeyPair okp) ? new Ed25519Verifier(okp)
				: new RSASSAVerifier(key.toRSAKey());
		return jwt.verify(verifier);
	}

}
