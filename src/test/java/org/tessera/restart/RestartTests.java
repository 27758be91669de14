package org.tessera.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.TestDatabase;

/**
 * Tests that start their own server: issue 2 point 7 (everything, the signing key
 * included, survives a restart on the same data directory) and configuration that changes
 * behaviour.
 */
@Tag("storage")
class RestartTests {

	@Test
	void accountsServiceAccountsPoliciesAndTheSigningKeySurviveARestart() {
		int port = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		Path data = Path.of("target", "restart-data", UUID.randomUUID().toString()).toAbsolutePath();
		String[] args = { "--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data };

		String account;
		ServiceAccountCredentials sa;
		String tokenBefore;
		String jwksBefore;
		try (ConfigurableApplicationContext first = start(args)) {
			Tessera tessera = new Tessera(issuer);
			account = tessera.signUp();
			String root = tessera.loginRoot(account);
			tessera.createUser(account, root, "Survivor");
			tessera.createPolicy(account, root, "Kept", "Allow", List.of("vserver:GetServer"), List.of("*"));
			sa = tessera.createServiceAccount(account, root, "Durable", List.of("123456789012"), List.of("Kept"));
			tokenBefore = tessera.serviceAccountToken(sa);
			jwksBefore = tessera.http().get("/oauth2/jwks", null).body();
		}

		try (ConfigurableApplicationContext second = start(args)) {
			Tessera tessera = new Tessera(issuer);
			assertThat(tessera.http().get("/oauth2/jwks", null).body()).isEqualTo(jwksBefore);
			Http.Response introspection = tessera.http()
				.form("/oauth2/introspect", Http.fields("token", tokenBefore), sa.id(), sa.secret());
			assertThat(introspection.json().get("active").asBoolean()).isTrue();
			String root = tessera.loginRoot(account);
			Http.Response stored = tessera.http()
				.get("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id(), root);
			assertThat(stored.json().get("trustedAccounts").toString()).contains("123456789012");
			assertThat(stored.json().get("policies").toString()).contains("Kept");
			assertThat(tessera.http().get("/iam/v1/accounts/" + account + "/users/Survivor", root).status())
				.isEqualTo(200);
			assertThat(tessera.serviceAccountToken(sa)).isNotBlank();
		}
	}

	@Test
	void signUpCanBeSwitchedOffByConfiguration() {
		int port = IntegrationTest.freePort();
		Path data = Path.of("target", "restart-data", UUID.randomUUID().toString()).toAbsolutePath();
		try (ConfigurableApplicationContext closed = start("--server.port=" + port, "--tessera.data-dir=" + data,
				"--tessera.sign-up.enabled=false")) {
			Http.Response response = new Http("http://localhost:" + port).post("/iam/v1/accounts", null,
					java.util.Map.of("email", "someone@example.test", "password", Tessera.PASSWORD));

			assertThat(response.status()).isEqualTo(403);
			assertThat(response.contentType()).contains("application/problem+json");
			assertThat(response.json().get("detail").asString()).contains("sign-up is closed");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(TesseraApplication.class).run(TestDatabase.withDatabase(args));
	}

}
