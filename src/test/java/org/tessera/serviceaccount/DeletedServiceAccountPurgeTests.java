package org.tessera.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Issue 5 point 4: after the undelete retention, a deleted service account is purged for
 * good. The server runs with a retention of zero and the hourly purge job is invoked at
 * once.
 */
@Tag("storage")
class DeletedServiceAccountPurgeTests {

	private static ConfigurableApplicationContext server;

	private Tessera tessera;

	private String account;

	private String root;

	@BeforeAll
	static void startWithoutRetention() {
		int port = IntegrationTest.freePort();
		Path data = Path.of("target", "purge-data", UUID.randomUUID().toString()).toAbsolutePath();
		server = new SpringApplicationBuilder(TesseraApplication.class)
			.run(TestDatabase.withDatabase("--server.port=" + port, "--tessera.issuer=http://localhost:" + port,
					"--tessera.data-dir=" + data, "--tessera.service-accounts.undelete-retention=0s"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void anAccount() {
		this.tessera = new Tessera(server.getEnvironment().getProperty("tessera.issuer"));
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
	}

	@Test
	void aServiceAccountDeletedLongerThanTheRetentionIsPurgedAndCannotBeUndeleted() {
		ServiceAccountCredentials kept = this.tessera.createServiceAccount(this.account, this.root, "kept", List.of(),
				List.of());
		ServiceAccountCredentials gone = this.tessera.createServiceAccount(this.account, this.root, "gone", List.of(),
				List.of("IAMReadOnlyAccess"));
		String base = "/iam/v1/accounts/" + this.account + "/service-accounts/";
		assertThat(http().delete(base + gone.id(), this.root).status()).isEqualTo(204);

		server.getBean(DeletedServiceAccountPurge.class).purge();

		assertThat(http().post(base + gone.id() + "/undelete", this.root, "").status()).isEqualTo(404);
		assertThat(http().get(base + kept.id(), this.root).status()).isEqualTo(200);
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/policies/IAMReadOnlyAccess/attachments", this.root)
			.json()
			.get("items")
			.size()).isZero();
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/audit-events", this.root).body())
			.contains("PurgeServiceAccount");
	}

	@Test
	void aServiceAccountUndeletedAfterThePurgeReadItKeepsItsSecretsTrustAndPolicies() {
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(this.account, this.root, "comeback",
				List.of("123456789012"), List.of("IAMReadOnlyAccess"));
		String base = "/iam/v1/accounts/" + this.account + "/service-accounts/" + sa.id();
		assertThat(http().delete(base, this.root).status()).isEqualTo(204);
		ServiceAccountPurge service = server.getBean(ServiceAccountPurge.class);
		List<ServiceAccount> due = service.dueForPurge();
		assertThat(due).extracting(ServiceAccount::id).contains(sa.id());
		assertThat(http().post(base + "/undelete", this.root, "").status()).isEqualTo(200);

		List<ServiceAccount> purged = service.purge(due);

		assertThat(purged).extracting(ServiceAccount::id).doesNotContain(sa.id());
		Http.Response survivor = http().get(base, this.root);
		assertThat(survivor.status()).as(survivor.toString()).isEqualTo(200);
		assertThat(survivor.json().get("trustedAccounts").toString()).contains("123456789012");
		assertThat(survivor.json().get("policies").toString()).contains("IAMReadOnlyAccess");
		// tokens issued in the second of the delete count as older, so new ones come from
		// the next second on
		await().atMost(Duration.ofSeconds(3))
			.until(() -> this.tessera.clientCredentials(sa.id(), sa.secret()).status() == 200);
	}

	private Http http() {
		return this.tessera.http();
	}

}
