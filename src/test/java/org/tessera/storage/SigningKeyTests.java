package org.tessera.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * The contract between Tessera and a storage service: for an access key, a day, a region
 * and a service, the storage service gets the Signature Version 4 signing key and the
 * service account's statements, never the secret; only with its own credential; and only
 * while the key and its service account are active.
 */
class SigningKeyTests extends IntegrationTest {

	private static final String PATH = "/storage/v1/signing-keys";

	private String account;

	private String root;

	private ServiceAccountCredentials sa;

	private String keys;

	private String accessKeyId;

	private String secret;

	@BeforeEach
	void anAccessKey() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.sa = this.tessera.createServiceAccount(this.account, this.root, "uploader", List.of(),
				List.of("vStorageReadOnlyAccess"));
		this.keys = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id() + "/access-keys";
		JsonNode created = this.tessera.http().post(this.keys, this.root, Map.of()).json();
		this.accessKeyId = created.get("accessKeyId").asString();
		this.secret = created.get("secretAccessKey").asString();
	}

	@Test
	void theStorageServiceGetsTheDaysSigningKeyAndThePoliciesButNeverTheSecret() {
		String today = today();
		Http.Response answer = ask(this.accessKeyId, today, STORAGE_SERVICE_SECRET);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("signingKey").asString()).isEqualTo(signingKey(this.secret, today, "us-east-1", "s3"));
		assertThat(answer.body()).doesNotContain(this.secret);
		assertThat(body.get("acct").asString()).isEqualTo(this.account);
		assertThat(body.get("sub").asString()).isEqualTo(this.sa.crn());
		assertThat(body.get("perms").toString()).contains("vstorage:Get*", "vstorage:List*");
		assertThat(body.get("maxAgeSeconds").asLong()).isEqualTo(5);
	}

	@Test
	void eachUseIsAuditedAndShownAsTheKeysLastUse() {
		assertThat(ask(this.accessKeyId, today(), STORAGE_SERVICE_SECRET).status()).isEqualTo(200);
		JsonNode key = this.tessera.http().get(this.keys, this.root).json().get("items").get(0);
		assertThat(key.get("lastUsedAt").isNull()).isFalse();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events()).anySatisfy((event) -> {
			assertThat(event.get("type").asString()).isEqualTo("UseAccessKey");
			assertThat(event.get("decision").asString()).isEqualTo("ALLOWED");
			assertThat(event.get("actor").asString()).isEqualTo(this.sa.crn());
			assertThat(event.get("clientId").asString()).isEqualTo(this.accessKeyId);
		}));
	}

	@Test
	void anInactiveKeyOrADisabledServiceAccountGetsNoSigningKey() {
		String key = this.keys + "/" + this.accessKeyId;
		this.tessera.http().patch(key, this.root, Map.of("status", "Inactive"));
		assertThat(ask(this.accessKeyId, today(), STORAGE_SERVICE_SECRET).status()).isEqualTo(404);
		this.tessera.http().patch(key, this.root, Map.of("status", "Active"));
		assertThat(ask(this.accessKeyId, today(), STORAGE_SERVICE_SECRET).status()).isEqualTo(200);

		String saPath = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id();
		assertThat(this.tessera.http().post(saPath + "/disable", this.root, Map.of()).status()).isEqualTo(200);
		Http.Response disabled = ask(this.accessKeyId, today(), STORAGE_SERVICE_SECRET);
		assertThat(disabled.status()).isEqualTo(404);
		assertThat(disabled.header("Content-Type")).startsWith("application/problem+json");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events()).anySatisfy((event) -> {
			assertThat(event.get("type").asString()).isEqualTo("UseAccessKey");
			assertThat(event.get("decision").asString()).isEqualTo("DENIED");
			assertThat(event.get("reason").asString()).isEqualTo("service_account_inactive");
		}));

		this.tessera.http().post(saPath + "/enable", this.root, Map.of());
		this.tessera.http().delete(key, this.root);
		assertThat(ask(this.accessKeyId, today(), STORAGE_SERVICE_SECRET).status()).isEqualTo(404);
		assertThat(ask("TKIAUNKNOWN000000000", today(), STORAGE_SERVICE_SECRET).status()).isEqualTo(404);
	}

	@Test
	void onlyTheStorageServiceMayAsk() {
		Http.Response wrong = ask(this.accessKeyId, today(), "not-the-storage-service-secret-0123456789");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
		assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
		Http.Response bearer = this.tessera.http()
			.post(PATH, this.tessera.serviceAccountToken(this.sa), request(this.accessKeyId, today()));
		assertThat(bearer.status()).isEqualTo(401);
		Http.Response none = this.tessera.http()
			.exchange("POST", PATH, "{}", "Content-Type", "application/json", "Accept", "application/json");
		assertThat(none.status()).isEqualTo(401);
	}

	@Test
	void aScopeOutsideADayOfTodayOrMalformedIsRefused() {
		String lastWeek = LocalDate.now(ZoneOffset.UTC).minusDays(7).format(DateTimeFormatter.BASIC_ISO_DATE);
		for (Map<String, String> bad : List.of(request(this.accessKeyId, lastWeek), request(this.accessKeyId, "2026"),
				request(this.accessKeyId, "20261340"), Map.of("accessKeyId", this.accessKeyId, "date", today()),
				Map.of("accessKeyId", this.accessKeyId, "date", today(), "region", "US EAST", "service", "s3"))) {
			Http.Response refused = send(bad, STORAGE_SERVICE_SECRET);
			assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		Http.Response oddId = send(
				Map.of("accessKeyId", "lower-case", "date", today(), "region", "us-east-1", "service", "s3"),
				STORAGE_SERVICE_SECRET);
		assertThat(oddId.status()).isEqualTo(404);
		Http.Response notJson = this.tessera.http()
			.exchange("POST", PATH, "{", "Content-Type", "application/json", "Authorization",
					basic(STORAGE_SERVICE_SECRET));
		assertThat(notJson.status()).isEqualTo(400);
	}

	private List<JsonNode> events() {
		return this.tessera.http()
			.get("/iam/v1/accounts/" + this.account + "/audit-events?pageSize=100", this.root)
			.json()
			.get("items")
			.valueStream()
			.toList();
	}

	private Http.Response ask(String accessKeyId, String date, String serviceSecret) {
		return send(request(accessKeyId, date), serviceSecret);
	}

	private Http.Response send(Map<String, String> body, String serviceSecret) {
		return this.tessera.http()
			.exchange("POST", PATH, toJson(body), "Content-Type", "application/json", "Accept", "application/json",
					"Authorization", basic(serviceSecret));
	}

	private static Map<String, String> request(String accessKeyId, String date) {
		return Map.of("accessKeyId", accessKeyId, "date", date, "region", "us-east-1", "service", "s3");
	}

	private static String toJson(Map<String, String> body) {
		StringBuilder json = new StringBuilder("{");
		body.forEach((name, value) -> json.append((json.length() > 1) ? "," : "")
			.append('"')
			.append(name)
			.append("\":\"")
			.append(value)
			.append('"'));
		return json.append('}').toString();
	}

	private static String basic(String secret) {
		return "Basic " + Base64.getEncoder().encodeToString(("vstorage:" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static String today() {
		return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
	}

	/** AWS's own recipe, computed here from the secret the key's creation answered. */
	static String signingKey(String secret, String date, String region, String service) {
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
		for (String part : List.of(region, service, "aws4_request")) {
			key = hmac(key, part);
		}
		return HexFormat.of().formatHex(key);
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
