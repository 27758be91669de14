package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import tools.jackson.databind.JsonNode;

/**
 * vStorage beside the real authorization server, driven by the AWS SDK for Java as a
 * program would: an access key linked to a service account acts with that service
 * account's current policies, an inactive key or a disabled service account is refused,
 * an account guardrail binds it, and every use is audited and shown as the key's last
 * use. The secret never leaves Tessera: vStorage holds only the day's signing key.
 */
class VStorageWithTesseraTests extends IntegrationTest {

	private static final int PORT = freePort();

	private static ConfigurableApplicationContext vStorage;

	private String account;

	private String root;

	@BeforeAll
	static void startVStorage() {
		vStorage = VStorageApplication.start("--server.port=" + PORT, "--tessera.vstorage.issuer=" + issuer(),
				"--tessera.vstorage.service-secret=" + STORAGE_SERVICE_SECRET, "--tessera.vstorage.data-directory="
						+ Path.of("target", "vstorage-it", UUID.randomUUID().toString()).toAbsolutePath());
	}

	@AfterAll
	static void stopVStorage() {
		if (vStorage != null) {
			vStorage.close();
		}
	}

	@BeforeEach
	void anAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
	}

	@Test
	void anAccessKeyOfAServiceAccountWithFullAccessMakesABucketPutsListsGetsAndDeletes() {
		Key key = accessKey("backup", "vStorageFullAccess");
		try (S3Client s3 = client(key)) {
			s3.createBucket((b) -> b.bucket("backups"));
			s3.putObject((p) -> p.bucket("backups").key("2026/12/db.dump").contentType("application/octet-stream"),
					RequestBody.fromString("the database"));
			assertThat(s3.listObjectsV2((l) -> l.bucket("backups").prefix("2026/")).contents())
				.extracting((o) -> o.key())
				.containsExactly("2026/12/db.dump");
			assertThat(s3.getObjectAsBytes((g) -> g.bucket("backups").key("2026/12/db.dump")).asUtf8String())
				.isEqualTo("the database");
			assertThat(s3.listBuckets().buckets()).extracting((b) -> b.name()).containsExactly("backups");
			s3.deleteObject((d) -> d.bucket("backups").key("2026/12/db.dump"));
			s3.deleteBucket((d) -> d.bucket("backups"));
		}
		JsonNode listed = this.tessera.http().get(key.path(), this.root).json().get("items").get(0);
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events("UseAccessKey")).isNotEmpty());
	}

	@Test
	void aReadOnlyKeyIsRefusedAPutWithAccessDenied() {
		Key full = accessKey("writer", "vStorageFullAccess");
		Key reader = accessKey("reader", "vStorageReadOnlyAccess");
		try (S3Client writer = client(full); S3Client readOnly = client(reader)) {
			writer.createBucket((b) -> b.bucket("reports"));
			writer.putObject((p) -> p.bucket("reports").key("q4.csv"), RequestBody.fromString("a,b"));
			assertThat(readOnly.getObjectAsBytes((g) -> g.bucket("reports").key("q4.csv")).asUtf8String())
				.isEqualTo("a,b");
			assertThatThrownBy(
					() -> readOnly.putObject((p) -> p.bucket("reports").key("q5.csv"), RequestBody.fromString("c")))
				.isInstanceOfSatisfying(S3Exception.class,
						(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
		}
	}

	@Test
	void anInactiveKeyAndADisabledServiceAccountAreRefusedAndAWrongSecretDoesNotSign() {
		Key key = accessKey("rotating", "vStorageFullAccess");
		try (S3Client s3 = client(key)) {
			s3.listBuckets();
		}
		try (S3Client wrong = S3Clients.client(endpoint(), key.id(), key.secret().substring(1) + "x")) {
			assertThatThrownBy(wrong::listBuckets).isInstanceOfSatisfying(S3Exception.class,
					(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
		}
		this.tessera.http().patch(key.path() + "/" + key.id(), this.root, Map.of("status", "Inactive"));
		awaitRefused(key, "InvalidAccessKeyId");
		this.tessera.http().patch(key.path() + "/" + key.id(), this.root, Map.of("status", "Active"));
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			try (S3Client s3 = client(key)) {
				s3.listBuckets();
			}
		});
		String saPath = key.path().substring(0, key.path().lastIndexOf("/access-keys"));
		assertThat(this.tessera.http().post(saPath + "/disable", this.root, Map.of()).status()).isEqualTo(200);
		awaitRefused(key, "InvalidAccessKeyId");
	}

	@Test
	void aPolicyChangeAndAnAccountGuardrailReachTheKey() {
		Key key = accessKey("archiver", "vStorageFullAccess");
		try (S3Client s3 = client(key)) {
			s3.createBucket((b) -> b.bucket("archive"));
			s3.putObject((p) -> p.bucket("archive").key("keep-me"), RequestBody.fromString("x"));
		}
		this.tessera.createPolicy(this.account, this.root, "NeverDeleteArchives", "Deny",
				List.of("vstorage:DeleteObject"), List.of("crn:vstorage:" + this.account + ":object/archive/*"));
		assertThat(this.tessera.http()
			.put("/iam/v1/accounts/" + this.account + "/guardrails/NeverDeleteArchives", this.root, "")
			.status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (S3Client s3 = client(key)) {
				assertThatThrownBy(() -> s3.deleteObject((d) -> d.bucket("archive").key("keep-me")))
					.isInstanceOfSatisfying(S3Exception.class,
							(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
			}
		});
	}

	private void awaitRefused(Key key, String code) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (S3Client s3 = client(key)) {
				assertThatThrownBy(s3::listBuckets).isInstanceOfSatisfying(S3Exception.class,
						(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code));
			}
		});
	}

	/** An access key of a new service account holding the policy. */
	private Key accessKey(String name, String policy) {
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(this.account, this.root, name, List.of(),
				List.of(policy));
		String path = "/iam/v1/accounts/" + this.account + "/service-accounts/" + sa.id() + "/access-keys";
		Http.Response created = this.tessera.http().post(path, this.root, Map.of());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Key(created.json().get("accessKeyId").asString(), created.json().get("secretAccessKey").asString(),
				path);
	}

	private List<JsonNode> events(String type) {
		return this.tessera.http()
			.get("/iam/v1/accounts/" + this.account + "/audit-events?pageSize=100", this.root)
			.json()
			.get("items")
			.valueStream()
			.filter((event) -> type.equals(event.get("type").asString()))
			.toList();
	}

	private static S3Client client(Key key) {
		return S3Clients.client(endpoint(), key.id(), key.secret());
	}

	private static String endpoint() {
		return "http://localhost:" + PORT;
	}

	private record Key(String id, String secret, String path) {
	}

}
