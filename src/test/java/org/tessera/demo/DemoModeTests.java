package org.tessera.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.vserver.VServerApplication;
import org.tessera.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * Issue 4: the demo profile seeds the SPEC section 8 world, and the walkthrough works on
 * it at once.
 */
@Tag("storage")
class DemoModeTests {

	@Test
	void system1StopsASeededServerOfBRightAfterADemoStartAndARestartSeedsNothingTwice() {
		int port = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		Path data = Path.of("target", "demo-data", UUID.randomUUID().toString()).toAbsolutePath();
		String[] args = { "--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data,
				"--spring.profiles.active=demo" };
		int vServerPort = IntegrationTest.freePort();

		try (ConfigurableApplicationContext server = start(args);
				ConfigurableApplicationContext vServer = VServerApplication.start("--server.port=" + vServerPort,
						"--tessera.vserver.issuer=" + issuer, "--spring.profiles.active=demo")) {
			Tessera tessera = new Tessera(issuer);
			Http vServerHttp = new Http("http://localhost:" + vServerPort);
			String rootB = tessera.login("iaas.dev4@example.com", "", "demo-root-password");
			JsonNode sa = tessera.http()
				.get("/iam/v1/accounts/60108/service-accounts", rootB)
				.json()
				.get("items")
				.get(0);
			assertThat(sa.get("name").asString()).isEqualTo("AllowAccessFromRootUserAccountA");
			assertThat(sa.get("trustedAccounts").toString()).contains("53461");

			String system1 = tessera.login("53461", "System1", "demo-user-password");
			String asB = Tessera.accessToken(tessera.impersonate(sa.get("id").asString(), system1));
			JsonNode servers = vServerHttp.get("/vserver/v1/accounts/60108/servers", asB).json().get("items");
			assertThat(servers.size()).isEqualTo(2);
			String serverId = servers.get(0).get("id").asString();
			Http.Response stop = vServerHttp.post("/vserver/v1/accounts/60108/servers/" + serverId + "/stop", asB, "");
			assertThat(stop.json().get("state").asString()).isEqualTo("STOPPED");

			String other = tessera.login("demoiaas@example.com", "Other", "demo-user-password");
			assertThat(tessera.impersonate(sa.get("id").asString(), other).status()).isEqualTo(400);
		}

		try (ConfigurableApplicationContext restarted = start(args)) {
			Tessera tessera = new Tessera(issuer);
			String rootB = tessera.login("60108", "", "demo-root-password");
			assertThat(tessera.http().get("/iam/v1/accounts/60108/service-accounts", rootB).json().get("items").size())
				.isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(TesseraApplication.class).run(TestDatabase.withDatabase(args));
	}

}
