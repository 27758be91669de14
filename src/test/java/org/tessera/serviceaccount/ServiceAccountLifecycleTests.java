package org.tessera.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Issue 5: secrets and keys, disable and enable, delete and undelete, last use, and their
 * audit.
 */
class ServiceAccountLifecycleTests extends IntegrationTest {

	private String account;

	private String root;

	private ServiceAccountCredentials sa;

	private String base;

	@BeforeEach
	void aServiceAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.sa = this.tessera.createServiceAccount(this.account, this.root, "worker", List.of(),
				List.of("IAMReadOnlyAccess"));
		this.base = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id();
	}

	@Test
	void aDeletedServiceAccountIsListedOnlyWhenDeletedOnesAreAskedFor() {
		assertThat(this.tessera.http().delete(this.base, this.root).status()).isEqualTo(204);
		String list = "/iam/v1/accounts/" + this.account + "/service-accounts";
		assertThat(this.tessera.http().get(list, this.root).json().get("items")).isEmpty();
		JsonNode withDeleted = this.tessera.http().get(list + "?showDeleted=true", this.root).json().get("items");
		assertThat(withDeleted).hasSize(1);
		assertThat(withDeleted.get(0).get("id").asString()).isEqualTo(this.sa.id());
		assertThat(withDeleted.get(0).get("deleted").asBoolean()).isTrue();
	}

	@Test
	void secretsRotateWithNoFailedRequestAndADeletedSecretStopsAtOnce() {
		String oldSecret = this.sa.secret();
		Http.Response created = http().post(this.base + "/secrets", this.root, "{}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String newSecret = created.json().get("clientSecret").asString();
		String oldSecretId = http().get(this.base + "/secrets", this.root)
			.json()
			.get("items")
			.get(0)
			.get("secretId")
			.asString();

		assertThat(this.tessera.clientCredentials(this.sa.id(), oldSecret).status()).isEqualTo(200);
		assertThat(this.tessera.clientCredentials(this.sa.id(), newSecret).status()).isEqualTo(200);
		assertThat(http().delete(this.base + "/secrets/" + oldSecretId, this.root).status()).isEqualTo(204);

		assertThat(this.tessera.clientCredentials(this.sa.id(), oldSecret).status()).isEqualTo(401);
		assertThat(this.tessera.clientCredentials(this.sa.id(), newSecret).status()).isEqualTo(200);
	}

	@Test
	void secretsListWithoutValuesWithTheirTimesAndAtMostTenAtOnce() {
		this.tessera.serviceAccountToken(this.sa);
		for (int i = 1; i < 10; i++) {
			assertThat(http().post(this.base + "/secrets", this.root, "{}").status()).isEqualTo(201);
		}
		Http.Response eleventh = http().post(this.base + "/secrets", this.root, "{}");
		JsonNode secrets = http().get(this.base + "/secrets", this.root).json().get("items");

		assertThat(eleventh.status()).isEqualTo(409);
		assertThat(secrets.size()).isEqualTo(10);
		assertThat(secrets.get(0).has("createdAt")).isTrue();
		assertThat(secrets.get(0).get("lastUsedAt").isNull()).as("the first secret got a token").isFalse();
		assertThat(secrets.get(1).get("lastUsedAt").isNull()).isTrue();
		assertThat(secrets.toString()).doesNotContain(this.sa.secret()).doesNotContain("clientSecret");
	}

	@Test
	void anExpiredSecretStopsWorking() {
		Http.Response past = http().post(this.base + "/secrets", this.root,
				Map.of("expiresAt", Instant.now().minusSeconds(5).toString()));
		Http.Response soon = http().post(this.base + "/secrets", this.root,
				Map.of("expiresAt", Instant.now().plusSeconds(2).toString()));
		String shortLived = soon.json().get("clientSecret").asString();

		assertThat(past.status()).isEqualTo(400);
		assertThat(soon.json().get("expiresAt").isNull()).isFalse();
		assertThat(this.tessera.clientCredentials(this.sa.id(), shortLived).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(6))
			.until(() -> this.tessera.clientCredentials(this.sa.id(), shortLived).status() == 401);
	}

	@Test
	void aSecretExpiryAfterTheYear9999IsRefusedNamingExpiresAt() {
		Http.Response lastSecond = http().post(this.base + "/secrets", this.root,
				Map.of("expiresAt", "9999-12-31T23:59:59Z"));
		List<Http.Response> farFuture = List.of(
				http().post(this.base + "/secrets", this.root, "{\"expiresAt\":10000000000000000}"),
				http().post(this.base + "/secrets", this.root, "{\"expiresAt\":\"+300000000-01-01T00:00:00Z\"}"),
				http().post(this.base + "/secrets", this.root, Map.of("expiresAt", "+10000-01-01T00:00:00Z")));

		assertThat(lastSecond.status()).as(lastSecond.toString()).isEqualTo(201);
		assertThat(farFuture).allSatisfy((refused) -> {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.json().get("field").asString()).isEqualTo("expiresAt");
		});
		assertThat(http().get(this.base + "/secrets", this.root).json().get("items").size()).isEqualTo(2);
	}

	@Test
	void aGeneratedKeyPairAuthenticatesByPrivateKeyJwtAndNoAssertionIsAcceptedTwice() throws Exception {
		Http.Response created = http().post(this.base + "/keys", this.root, "");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode keyFile = created.json();
		assertThat(keyFile.get("saId").asString()).isEqualTo(this.sa.id());
		assertThat(keyFile.get("algorithm").asString()).isEqualTo("ES256");
		ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
			.generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyFile.get("privateKeyPem").asString())));
		String keyId = keyFile.get("keyId").asString();

		String assertion = assertion(privateKey, keyId, issuer(), Instant.now().plusSeconds(120));
		Http.Response token = assertionLogin(assertion);
		Http.Response replay = assertionLogin(assertion);
		Http.Response wrongAudience = assertionLogin(
				assertion(privateKey, keyId, "https://elsewhere.example", Instant.now().plusSeconds(120)));
		Http.Response tooLong = assertionLogin(assertion(privateKey, keyId, issuer(), Instant.now().plusSeconds(600)));

		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		assertThat(Tessera.claims(token.json().get("access_token").asString()).get("sub").asString())
			.isEqualTo(this.sa.crn());
		for (Http.Response refused : List.of(replay, wrongAudience, tooLong)) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_client");
		}
		JsonNode keys = http().get(this.base + "/keys", this.root).json().get("items");
		assertThat(keys.toString()).doesNotContain("PRIVATE KEY").contains(keyId);
		assertThat(keys.get(0).get("lastUsedAt").isNull()).isFalse();

		assertThat(http().delete(this.base + "/keys/" + keyId, this.root).status()).isEqualTo(204);
		assertThat(assertionLogin(assertion(privateKey, keyId, issuer(), Instant.now().plusSeconds(60))).status())
			.isEqualTo(401);
	}

	@Test
	void anUploadedPublicKeyWorksAndItsPrivateHalfNeverLeavesTheClient() throws Exception {
		ECKey own = new ECKeyGenerator(Curve.P_256).generate();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(own.toECPublicKey().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";

		Http.Response created = http().post(this.base + "/keys", this.root, Map.of("publicKeyPem", pem));
		Http.Response garbage = http().post(this.base + "/keys", this.root, Map.of("publicKeyPem", "not a key"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().has("privateKeyPem")).isFalse();
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.json().get("field").asString()).isEqualTo("publicKeyPem");
		String keyId = created.json().get("keyId").asString();
		assertThat(assertionLogin(assertion(own.toECPrivateKey(), keyId, issuer(), Instant.now().plusSeconds(60)))
			.status()).isEqualTo(200);
	}

	@Test
	void discoveryListsPrivateKeyJwtAndItsAlgorithms() {
		JsonNode metadata = http().get("/.well-known/oauth-authorization-server", null).json();

		assertThat(metadata.get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt",
				"client_secret_basic", "client_secret_post");
		assertThat(metadata.get("token_endpoint_auth_methods_supported").toString()).doesNotContain("tls_client_auth");
		assertThat(metadata.get("token_endpoint_auth_signing_alg_values_supported").toString()).contains("ES256",
				"RS256");
	}

	@Test
	void aDisabledServiceAccountGetsNoTokenCannotBeImpersonatedAndItsTokensTurnInactiveForGood() {
		String token = this.tessera.serviceAccountToken(this.sa);
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(this.account, this.root, "checker",
				List.of(), List.of());
		String operator = operatorWhoMayImpersonateTheWorker();

		Http.Response disabled = http().post(this.base + "/disable", this.root, "");

		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertThat(this.tessera.clientCredentials(this.sa.id(), this.sa.secret()).status()).isEqualTo(401);
		assertThat(introspect(token, checker).get("active").asBoolean()).isFalse();
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/users", token).status()).isEqualTo(401);
		assertThat(this.tessera.impersonate(this.sa.id(), operator).status()).isEqualTo(400);

		assertThat(http().post(this.base + "/enable", this.root, "").json().get("enabled").asBoolean()).isTrue();
		assertThat(introspect(token, checker).get("active").asBoolean()).as("a token of before the disable").isFalse();
		// within the second of the disable no token can be told from those of before;
		// from the next one on
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.tessera.clientCredentials(this.sa.id(), this.sa.secret()).status() == 200);
		assertThat(this.tessera.impersonate(this.sa.id(), operator).status()).isEqualTo(200);
		assertThat(auditTypes()).contains("DisableServiceAccount", "EnableServiceAccount");
	}

	@Test
	void undeleteRestoresSecretsTrustAndPoliciesButANewAccountOfTheSameNameInheritsNothing() {
		String trusted = "123456789012";
		assertThat(http().put(this.base + "/trust", this.root, Map.of("accounts", List.of(trusted))).status())
			.isEqualTo(200);
		String operator = operatorWhoMayImpersonateTheWorker();
		String token = this.tessera.serviceAccountToken(this.sa);

		assertThat(http().delete(this.base, this.root).status()).isEqualTo(204);
		assertThat(http().get(this.base, this.root).status()).isEqualTo(404);
		assertThat(this.tessera.clientCredentials(this.sa.id(), this.sa.secret()).status()).isEqualTo(401);
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/users", token).status()).isEqualTo(401);
		assertThat(this.tessera.impersonate(this.sa.id(), operator).status()).isEqualTo(400);

		ServiceAccountCredentials successor = this.tessera.createServiceAccount(this.account, this.root, "worker",
				List.of(), List.of());
		JsonNode fresh = http()
			.get("/iam/v1/accounts/" + this.account + "/service-accounts/" + successor.id(), this.root)
			.json();
		assertThat(successor.id()).isNotEqualTo(this.sa.id());
		assertThat(fresh.get("trustedAccounts").size()).isZero();
		assertThat(fresh.get("policies").size()).isZero();
		assertThat(this.tessera.impersonate(successor.id(), operator).status())
			.as("a grant naming the old saId does not reach the new account")
			.isEqualTo(400);
		assertThat(http().post(this.base + "/undelete", this.root, "").status())
			.as("the name is taken by a live account")
			.isEqualTo(409);

		assertThat(http().delete("/iam/v1/accounts/" + this.account + "/service-accounts/" + successor.id(), this.root)
			.status()).isEqualTo(204);
		Http.Response undeleted = http().post(this.base + "/undelete", this.root, "");

		assertThat(undeleted.status()).as(undeleted.toString()).isEqualTo(200);
		assertThat(undeleted.json().get("trustedAccounts").toString()).contains(trusted);
		assertThat(undeleted.json().get("policies").toString()).contains("IAMReadOnlyAccess");
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/users", token).status())
			.as("a token of before the delete")
			.isEqualTo(401);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.tessera.clientCredentials(this.sa.id(), this.sa.secret()).status() == 200);
		assertThat(this.tessera.impersonate(this.sa.id(), operator).status()).isEqualTo(200);
		assertThat(auditTypes()).contains("DeleteServiceAccount", "UndeleteServiceAccount");
	}

	@Test
	void aTokenRevokedWhileItsServiceAccountIsDisabledOrDeletedStaysRevokedWhenTheAccountComesBack() {
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(this.account, this.root, "checker",
				List.of(), List.of());
		String operator = operatorWhoMayImpersonateTheWorker();
		String revokedWhileDisabled = Tessera.accessToken(this.tessera.impersonate(this.sa.id(), operator));
		String revokedWhileDeleted = Tessera.accessToken(this.tessera.impersonate(this.sa.id(), operator));

		assertThat(http().post(this.base + "/disable", this.root, "").status()).isEqualTo(200);
		assertThat(revokeAsTesseraCli(revokedWhileDisabled).status()).isEqualTo(200);
		assertThat(http().post(this.base + "/enable", this.root, "").status()).isEqualTo(200);
		assertThat(http().delete(this.base, this.root).status()).isEqualTo(204);
		assertThat(revokeAsTesseraCli(revokedWhileDeleted).status()).isEqualTo(200);
		assertThat(http().post(this.base + "/undelete", this.root, "").status()).isEqualTo(200);

		for (String revoked : List.of(revokedWhileDisabled, revokedWhileDeleted)) {
			assertThat(introspect(revoked, checker).get("active").asBoolean()).as("a revoked token").isFalse();
			assertThat(http().get("/iam/v1/accounts/" + this.account + "/users", revoked).status()).isEqualTo(401);
		}
		Http.Response[] afterwards = new Http.Response[1];
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			afterwards[0] = this.tessera.impersonate(this.sa.id(), operator);
			return afterwards[0].status() == 200;
		});
		String fresh = Tessera.accessToken(afterwards[0]);
		assertThat(introspect(fresh, checker).get("active").asBoolean()).as("a token obtained afterwards").isTrue();
		assertThat(http().get("/iam/v1/accounts/" + this.account + "/users", fresh).status()).isEqualTo(200);
	}

	@Test
	void undeleteIsRefusedWhenTheAccountAlreadyHoldsAsManyLiveServiceAccountsAsAllowed() {
		assertThat(http().delete(this.base, this.root).status()).isEqualTo(204);
		for (int i = 0; i < ServiceAccountLifecycle.MAX_SERVICE_ACCOUNTS_PER_ACCOUNT; i++) {
			Http.Response created = http().post("/iam/v1/accounts/" + this.account + "/service-accounts", this.root,
					Map.of("name", "filler" + i));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}

		Http.Response undeleted = http().post(this.base + "/undelete", this.root, "");

		assertThat(undeleted.status()).as(undeleted.toString()).isEqualTo(409);
		assertThat(undeleted.contentType()).startsWith("application/problem+json");
		assertThat(http().get(this.base, this.root).status()).as("still deleted").isEqualTo(404);
	}

	@Test
	void lastUseShowsOnTheAccountAndFiltersDormantOnes() {
		ServiceAccountCredentials dormant = this.tessera.createServiceAccount(this.account, this.root, "dormant",
				List.of(), List.of());
		assertThat(http().get(this.base, this.root).json().get("lastUsedAt").isNull()).isTrue();
		this.tessera.serviceAccountToken(this.sa);

		JsonNode used = http().get(this.base, this.root).json();
		JsonNode unused = http()
			.get("/iam/v1/accounts/" + this.account + "/service-accounts?unusedForDays=1", this.root)
			.json();

		assertThat(used.get("lastUsedAt").isNull()).isFalse();
		List<String> dormantIds = new ArrayList<>();
		unused.get("items").forEach((item) -> dormantIds.add(item.get("id").asString()));
		assertThat(dormantIds).contains(dormant.id()).doesNotContain(this.sa.id());
	}

	@Test
	void secretAndKeyChangesAreAudited() {
		Http.Response secret = http().post(this.base + "/secrets", this.root, "{}");
		http().delete(this.base + "/secrets/" + secret.json().get("secretId").asString(), this.root);
		http().post(this.base + "/keys", this.root, Map.of("algorithm", "RS256"));

		assertThat(auditTypes()).contains("CreateServiceAccount", "CreateServiceAccountSecret",
				"DeleteServiceAccountSecret", "CreateServiceAccountKey");
	}

	private Http http() {
		return this.tessera.http();
	}

	private List<String> auditTypes() {
		List<String> types = new ArrayList<>();
		http().get("/iam/v1/accounts/" + this.account + "/audit-events?pageSize=1000", this.root)
			.json()
			.get("items")
			.forEach((event) -> types.add(event.get("type").asString()));
		return types;
	}

	private JsonNode introspect(String token, ServiceAccountCredentials client) {
		return http().form("/oauth2/introspect", Http.fields("token", token), client.id(), client.secret()).json();
	}

	/** The token of a new user Operator whose policy allows impersonating the worker. */
	private String operatorWhoMayImpersonateTheWorker() {
		this.tessera.createUser(this.account, this.root, "Operator");
		this.tessera.createPolicy(this.account, this.root, "ImpersonateWorker", "Allow",
				List.of("iam:ImpersonateServiceAccount"), List.of(this.sa.crn()));
		this.tessera.attachToUser(this.account, this.root, "Operator", "ImpersonateWorker");
		return this.tessera.login(this.account, "Operator", Tessera.PASSWORD);
	}

	private Http.Response revokeAsTesseraCli(String token) {
		return http().form("/oauth2/revoke", Http.fields("token", token, "client_id", "tessera-cli"));
	}

	private Http.Response assertionLogin(String assertion) {
		return http().form("/oauth2/token",
				Http.fields("grant_type", "client_credentials", "client_id", this.sa.id(), "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion));
	}

	private String assertion(ECPrivateKey key, String keyId, String audience, Instant expiresAt) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
				new JWTClaimsSet.Builder().issuer(this.sa.id())
					.subject(this.sa.id())
					.audience(audience)
					.expirationTime(Date.from(expiresAt))
					.issueTime(new Date())
					.jwtID(UUID.randomUUID().toString())
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static byte[] pemBody(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
