package org.tessera.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Access keys through the management API, as an S3 user of AWS IAM would manage them:
 * created with a secret shown once, listed without it, made inactive and active again,
 * deleted, at most two, guarded by their own actions and audited.
 */
class AccessKeyTests extends IntegrationTest {

	private String account;

	private String root;

	private ServiceAccountCredentials sa;

	private String base;

	@BeforeEach
	void aServiceAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.sa = this.tessera.createServiceAccount(this.account, this.root, "backup", List.of(),
				List.of("vStorageFullAccess"));
		this.base = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id() + "/access-keys";
	}

	@Test
	void aNewKeyHasAnS3ShapedIdAndASecretShownOnlyOnce() {
		Http.Response created = http().post(this.base, this.root, Map.of());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode key = created.json();
		assertThat(key.get("accessKeyId").asString()).matches("[A-Z0-9]{20}");
		assertThat(key.get("secretAccessKey").asString()).matches("[A-Za-z0-9+/]{43}");
		assertThat(key.get("status").asString()).isEqualTo("Active");
		assertThat(key.get("createdAt").asString()).isNotBlank();

		Http.Response listed = http().get(this.base, this.root);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(key.get("secretAccessKey").asString()).doesNotContain("secret");
		JsonNode item = listed.json().get("items").get(0);
		assertThat(item.get("accessKeyId").asString()).isEqualTo(key.get("accessKeyId").asString());
		assertThat(item.get("status").asString()).isEqualTo("Active");
		assertThat(item.has("lastUsedAt")).isTrue();
	}

	@Test
	void twoKeysAtMostSoThatOneCanReplaceTheOther() {
		String first = http().post(this.base, this.root, Map.of()).json().get("accessKeyId").asString();
		assertThat(http().post(this.base, this.root, Map.of()).status()).isEqualTo(201);
		Http.Response third = http().post(this.base, this.root, Map.of());
		assertThat(third.status()).isEqualTo(409);
		assertThat(third.header("Content-Type")).startsWith("application/problem+json");
		assertThat(third.json().get("detail").asString()).contains("at most 2 access keys");

		assertThat(http().delete(this.base + "/" + first, this.root).status()).isEqualTo(204);
		assertThat(http().post(this.base, this.root, Map.of()).status()).isEqualTo(201);
		assertThat(http().delete(this.base + "/" + first, this.root).status()).isEqualTo(404);
	}

	@Test
	void aKeyIsMadeInactiveAndActiveAgain() {
		String id = http().post(this.base, this.root, Map.of()).json().get("accessKeyId").asString();
		Http.Response inactive = http().patch(this.base + "/" + id, this.root, Map.of("status", "Inactive"));
		assertThat(inactive.status()).as(inactive.toString()).isEqualTo(200);
		assertThat(inactive.json().get("status").asString()).isEqualTo("Inactive");
		assertThat(http().get(this.base, this.root).json().get("items").get(0).get("status").asString())
			.isEqualTo("Inactive");
		Http.Response active = http().patch(this.base + "/" + id, this.root, Map.of("status", "Active"));
		assertThat(active.json().get("status").asString()).isEqualTo("Active");
	}

	@Test
	void badUpdatesAreClearProblems() {
		String id = http().post(this.base, this.root, Map.of()).json().get("accessKeyId").asString();
		for (Object body : List.of(Map.of("status", "Paused"), Map.of(), Map.of("status", 1))) {
			Http.Response refused = http().patch(this.base + "/" + id, this.root, body);
			assertThat(refused.status()).as(body.toString()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(http().patch(this.base + "/TKIANOSUCHKEY0000000", this.root, Map.of("status", "Active")).status())
			.isEqualTo(404);
		assertThat(http()
			.post("/iam/v1/accounts/" + this.account + "/service-accounts/sa-nosuch/access-keys", this.root, Map.of())
			.status()).isEqualTo(404);
	}

	@Test
	void theirActionsGuardThemAndEveryChangeIsAudited() {
		this.tessera.createUser(this.account, this.root, "Reader");
		this.tessera.attachToUser(this.account, this.root, "Reader", "IAMReadOnlyAccess");
		String reader = this.tessera.login(this.account, "Reader", PASSWORD);
		Http.Response refused = http().post(this.base, reader, Map.of());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("detail").asString()).contains("iam:CreateAccessKey");
		String id = http().post(this.base, this.root, Map.of()).json().get("accessKeyId").asString();
		assertThat(http().get(this.base, reader).status()).isEqualTo(200);
		assertThat(http().patch(this.base + "/" + id, reader, Map.of("status", "Inactive")).status()).isEqualTo(403);
		assertThat(http().delete(this.base + "/" + id, reader).status()).isEqualTo(403);

		http().patch(this.base + "/" + id, this.root, Map.of("status", "Inactive"));
		http().delete(this.base + "/" + id, this.root);
		JsonNode events = http().get("/iam/v1/accounts/" + this.account + "/audit-events?pageSize=100", this.root)
			.json()
			.get("items");
		List<String> types = events.valueStream().map((event) -> event.get("type").asString()).toList();
		assertThat(types).contains("CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey");
	}

	private static final String PASSWORD = org.tessera.support.Tessera.PASSWORD;

	private Http http() {
		return this.tessera.http();
	}

}
