package org.tessera.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Issue 5 point 4: after the undelete retention, a deleted service account is purged for good.
 * The server runs with a retention of zero and the hourly purge job is invoked at once.
 */
class DeletedServiceAccountPurgeTests {

	@Test
	void aServiceAccountDeletedLongerThanTheRetentionIsPurgedAndCannotBeUndeleted() {
		int port = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		Path data = Path.of("target", "purge-data", UUID.randomUUID().toString()).toAbsolutePath();
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TesseraApplication.class).run(
				"--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data,
				"--tessera.service-accounts.undelete-retention=0s")) {
			Tessera tessera = new Tessera(issuer);
			String account = tessera.signUp();
			String root = tessera.loginRoot(account);
			ServiceAccountCredentials kept = tessera.createServiceAccount(account, root, "kept", List.of(), List.of());
			ServiceAccountCredentials gone = tessera.createServiceAccount(account, root, "gone", List.of(),
					List.of("IAMReadOnlyAccess"));
			String base = "/iam/v1/accounts/" + account + "/service-accounts/";
			assertThat(tessera.http().delete(base + gone.id(), root).status()).isEqualTo(204);

			server.getBean(DeletedServiceAccountPurge.class).purge();

			assertThat(tessera.http().post(base + gone.id() + "/undelete", root, "").status()).isEqualTo(404);
			assertThat(tessera.http().get(base + kept.id(), root).status()).isEqualTo(200);
			assertThat(tessera.http().get("/iam/v1/accounts/" + account + "/policies/IAMReadOnlyAccess/attachments", root)
				.json()
				.get("items")
				.size()).isZero();
			assertThat(tessera.http().get("/iam/v1/accounts/" + account + "/audit-events", root).body())
				.contains("PurgeServiceAccount");
		}
	}

}
