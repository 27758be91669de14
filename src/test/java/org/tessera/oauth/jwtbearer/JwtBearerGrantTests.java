package org.tessera.oauth.jwtbearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import tools.jackson.databind.JsonNode;

/**
 * The JWT-bearer grant (RFC 7523 section 2.1) on a real server, as a program holding a
 * key file uses it: the 201 answer of a key creation, a JWT signed with its private key,
 * and the service account's own token back. Every bad assertion is the same
 * {@code invalid_grant}; disabled and expired keys sign nothing, for the grant and for
 * {@code private_key_jwt} alike.
 */
class JwtBearerGrantTests extends IntegrationTest {

	static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String REFUSAL = "The assertion is invalid, expired or not accepted";

	private static final Path PROGRAM = Path.of("src", "test", "resources", "docs", "KeyFileToken.java");

	@Autowired
	private Environment environment;

	private String account;

	private String root;

	private ServiceAccountCredentials sa;

	private String keys;

	@BeforeEach
	void aServiceAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.sa = this.tessera.createServiceAccount(this.account, this.root, "batch", List.of(),
				List.of("vServerReadOnlyAccess"));
		this.keys = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id() + "/keys";
	}

	@ParameterizedTest
	@ValueSource(strings = { "ES256", "RS256", "PS256" })
	void aGeneratedKeyFileBuysTheSameTokenAsClientCredentials(String algorithm) throws Exception {
		Http.Response created = http().post(this.keys, this.root, Map.of("algorithm", algorithm));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		KeyFile keyFile = KeyFile.of(created.json());
		assertThat(keyFile.clientId()).isEqualTo(this.sa.id());
		assertThat(keyFile.tokenUri()).isEqualTo(issuer() + "/oauth2/token");
		assertThat(keyFile.algorithm()).isEqualTo(algorithm);

		Http.Response answer = grant(keyFile.assertion(UnaryOperator.identity()));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("token_type").asString()).isEqualTo("Bearer");
		assertThat(answer.json().has("refresh_token")).isFalse();
		String token = answer.json().get("access_token").asString();
		assertSameAsClientCredentials(token);
		assertThat(Tessera.header(token).get("typ").asString()).isEqualTo("at+jwt");
		JsonNode introspection = http()
			.form("/oauth2/introspect", Http.fields("token", token), this.sa.id(), this.sa.secret())
			.json();
		assertThat(introspection.get("active").asBoolean()).isTrue();
		assertThat(introspection.get("sub").asString()).isEqualTo(this.sa.crn());
		JsonNode listed = http().get(this.keys, this.root).json().get("items").get(0);
		assertThat(listed.get("lastUsedAt").isNull()).as("the key's use is noted").isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ES256", "RS256", "PS256", "" })
	void anUploadedPublicKeyWorksWithTheAlgorithmItWasUploadedFor(String algorithm) throws Exception {
		boolean ec = "ES256".equals(algorithm);
		ECKey ecKey = ec ? new ECKeyGenerator(Curve.P_256).generate() : null;
		RSAKey rsaKey = ec ? null : new RSAKeyGenerator(2048).generate();
		byte[] spki = ec ? ecKey.toECPublicKey().getEncoded() : rsaKey.toRSAPublicKey().getEncoded();
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki)
				+ "\n-----END PUBLIC KEY-----\n";
		Http.Response created = http().post(this.keys, this.root, algorithm.isEmpty() ? Map.of("publicKeyPem", pem)
				: Map.of("publicKeyPem", pem, "algorithm", algorithm));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String expected = algorithm.isEmpty() ? "RS256" : algorithm;
		assertThat(created.json().get("algorithm").asString()).isEqualTo(expected);
		assertThat(created.json().has("privateKeyPem")).isFalse();
		KeyFile keyFile = new KeyFile(created.json().get("keyId").asString(), this.sa.id(),
				created.json().get("tokenUri").asString(), expected,
				ec ? ecKey.toECPrivateKey() : rsaKey.toRSAPrivateKey());

		assertSameAsClientCredentials(Tessera.accessToken(grant(keyFile.assertion(UnaryOperator.identity()))));
		assertThat(privateKeyJwt(keyFile).status()).as("private_key_jwt with the same key").isEqualTo(200);
	}

	@Test
	void anEcKeyCannotBeUploadedForPs256() throws JOSEException {
		ECKey ecKey = new ECKeyGenerator(Curve.P_256).generate();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(ecKey.toECPublicKey().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";

		Http.Response refused = http().post(this.keys, this.root, Map.of("publicKeyPem", pem, "algorithm", "PS256"));

		assertProblem(refused, 400, "algorithm");
	}

	@Test
	void everyBadAssertionIsTheSameInvalidGrant() throws Exception {
		KeyFile keyFile = generatedKey("PS256");
		KeyFile otherKey = generatedKey("ES256");
		String replayed = keyFile.assertion(UnaryOperator.identity());
		assertThat(grant(replayed).status()).isEqualTo(200);
		RSAKey stranger = new RSAKeyGenerator(2048).generate();
		List<String> assertions = new ArrayList<>();
		assertions.add(replayed);
		assertions.add(keyFile.assertion((claims) -> claims.expirationTime(in(3600 + 60))));
		assertions.add(keyFile.assertion((claims) -> claims.issueTime(in(-600)).expirationTime(in(3500))));
		assertions.add(keyFile.assertion((claims) -> claims.expirationTime(in(-120))));
		assertions.add(keyFile.assertion((claims) -> claims.expirationTime(null)));
		assertions.add(keyFile.assertion((claims) -> claims.notBeforeTime(in(600))));
		assertions.add(keyFile.assertion((claims) -> claims.jwtID(null)));
		assertions.add(keyFile.assertion((claims) -> claims.audience("https://elsewhere.example")));
		assertions.add(keyFile.assertion((claims) -> claims.issuer("sa-someone-else")));
		assertions.add(keyFile.assertion((claims) -> claims.subject("sa-someone-else")));
		assertions.add(keyFile.withKeyId("key-unknown").assertion(UnaryOperator.identity()));
		assertions.add(keyFile.withKeyId(otherKey.keyId()).assertion(UnaryOperator.identity()));
		assertions.add(keyFile.withAlgorithm(JWSAlgorithm.RS256).assertion(UnaryOperator.identity()));
		assertions.add(keyFile.withPrivateKey(stranger.toRSAPrivateKey()).assertion(UnaryOperator.identity()));
		assertions.add("not-a-jwt");
		assertions.add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

		for (String assertion : assertions) {
			Http.Response refused = grant(assertion);
			assertThat(refused.status()).as(assertion + " " + refused).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).as(assertion).isEqualTo("invalid_grant");
			assertThat(refused.json().get("error_description").asString()).as(assertion).isEqualTo(REFUSAL);
		}
	}

	@Test
	void anAssertionMayLiveAnHourButNoLonger() throws Exception {
		KeyFile keyFile = generatedKey("ES256");
		Date now = new Date();

		Http.Response hour = grant(keyFile
			.assertion((claims) -> claims.issueTime(now).expirationTime(new Date(now.getTime() + 3_600_000))));
		Http.Response longer = grant(keyFile.assertion((claims) -> claims.issueTime(null).expirationTime(in(3700))));
		Http.Response withoutIat = grant(keyFile.assertion((claims) -> claims.issueTime(null)));

		assertThat(hour.status()).as(hour.toString()).isEqualTo(200);
		assertRefused(longer);
		assertThat(withoutIat.status()).as(withoutIat.toString()).isEqualTo(200);
	}

	@Test
	void theGrantIsCountedInTheTokenMetricsByItsOwnName() throws Exception {
		KeyFile keyFile = generatedKey("ES256");
		assertThat(grant(keyFile.assertion(UnaryOperator.identity())).status()).isEqualTo(200);
		assertRefused(grant("not-a-jwt"));

		Http management = new Http("http://127.0.0.1:" + this.environment.getProperty("local.management.port"));
		String metrics = management.exchange("GET", "/actuator/prometheus", null, "Accept", "text/plain").body();

		assertThat(metrics).containsPattern(
				"tessera_token_requests_seconds_count\\{error=\"none\",grant_type=\"jwt-bearer\",outcome=\"issued\"\\} [1-9]")
			.containsPattern(
					"tessera_token_requests_seconds_count\\{error=\"invalid_grant\",grant_type=\"jwt-bearer\",outcome=\"refused\"\\} [1-9]");
	}

	@Test
	void aMissingAssertionIsAnInvalidRequest() {
		Http.Response bare = http().form("/oauth2/token", Http.fields("grant_type", GRANT));
		Http.Response withClient = http().form("/oauth2/token", Http.fields("grant_type", GRANT), this.sa.id(),
				this.sa.secret());

		for (Http.Response response : List.of(bare, withClient)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
		}
	}

	@Test
	void clientAuthenticationBesideTheAssertionMustBeTheSameServiceAccount() throws Exception {
		KeyFile keyFile = generatedKey("ES256");
		ServiceAccountCredentials other = this.tessera.createServiceAccount(this.account, this.root, "other", List.of(),
				List.of());

		Http.Response same = http().form("/oauth2/token",
				Http.fields("grant_type", GRANT, "assertion", keyFile.assertion(UnaryOperator.identity())),
				this.sa.id(), this.sa.secret());
		Http.Response another = http().form("/oauth2/token",
				Http.fields("grant_type", GRANT, "assertion", keyFile.assertion(UnaryOperator.identity())), other.id(),
				other.secret());
		Http.Response wrongSecret = http().form("/oauth2/token",
				Http.fields("grant_type", GRANT, "assertion", keyFile.assertion(UnaryOperator.identity())),
				this.sa.id(), "not-the-secret");
		Http.Response otherClientId = http().form("/oauth2/token", Http.fields("grant_type", GRANT, "assertion",
				keyFile.assertion(UnaryOperator.identity()), "client_id", other.id()));
		Http.Response sameClientId = http().form("/oauth2/token", Http.fields("grant_type", GRANT, "assertion",
				keyFile.assertion(UnaryOperator.identity()), "client_id", this.sa.id()));

		assertSameAsClientCredentials(Tessera.accessToken(same));
		assertThat(another.status()).as(another.toString()).isEqualTo(400);
		assertThat(another.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(wrongSecret.status()).as(wrongSecret.toString()).isEqualTo(401);
		assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
		assertThat(otherClientId.status()).as(otherClientId.toString()).isEqualTo(400);
		assertThat(otherClientId.json().get("error").asString()).isEqualTo("invalid_grant");
		assertSameAsClientCredentials(Tessera.accessToken(sameClientId));
	}

	@Test
	void aDisabledKeySignsNothingUntilEnabledAgain() throws Exception {
		KeyFile keyFile = generatedKey("ES256");
		String key = this.keys + "/" + keyFile.keyId();

		Http.Response disabled = http().patch(key, this.root, Map.of("disabled", true));
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
		assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
		assertThat(http().get(this.keys, this.root).json().get("items").get(0).get("disabled").asBoolean()).isTrue();
		assertRefused(grant(keyFile.assertion(UnaryOperator.identity())));
		assertThat(privateKeyJwt(keyFile).status()).isEqualTo(401);

		Http.Response enabled = http().patch(key, this.root, Map.of("disabled", false));
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
		assertThat(grant(keyFile.assertion(UnaryOperator.identity())).status()).isEqualTo(200);
		assertThat(privateKeyJwt(keyFile).status()).isEqualTo(200);
		assertThat(auditTypes()).contains("DisableServiceAccountKey", "EnableServiceAccountKey");
	}

	@Test
	void anExpiredKeySignsNothing() throws Exception {
		Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
		Http.Response created = http().post(this.keys, this.root, Map.of("expiresAt", expiresAt.toString()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(Instant.parse(created.json().get("expiresAt").asString())).isEqualTo(expiresAt);
		KeyFile keyFile = KeyFile.of(created.json());
		assertThat(
				Instant.parse(http().get(this.keys, this.root).json().get("items").get(0).get("expiresAt").asString()))
			.isEqualTo(expiresAt);
		assertThat(grant(keyFile.assertion(UnaryOperator.identity())).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> grant(keyFile.assertion(UnaryOperator.identity())).status() == 400);

		assertRefused(grant(keyFile.assertion(UnaryOperator.identity())));
		assertThat(privateKeyJwt(keyFile).status()).isEqualTo(401);
	}

	@Test
	void aKeyCannotBeCreatedAlreadyExpired() {
		Http.Response past = http().post(this.keys, this.root,
				Map.of("expiresAt", Instant.now().minusSeconds(1).toString()));
		Http.Response garbage = http().post(this.keys, this.root, Map.of("expiresAt", "tomorrow"));

		assertProblem(past, 400, "expiresAt");
		assertProblem(garbage, 400, "expiresAt");
	}

	@Test
	void aKeyChangeTakesExactlyDisabledTrueOrFalse() throws Exception {
		String key = this.keys + "/" + generatedKey("ES256").keyId();

		assertProblem(http().patch(key, this.root, Map.of()), 400, "disabled");
		assertProblem(http().patch(key, this.root, "{\"disabled\":null}"), 400, "disabled");
		assertProblem(http().patch(key, this.root, Map.of("disabled", "yes")), 400, "disabled");
		assertProblem(http().patch(key, this.root, Map.of("disabled", "true")), 400, "disabled");
		assertProblem(http().patch(key, this.root, Map.of("disabled", 1)), 400, "disabled");
		assertProblem(http().patch(key, this.root, "[true]"), 400, "body");
		assertProblem(http().patch(key, this.root, "true"), 400, "body");
		assertProblem(http().patch(key, this.root, Map.of("disabled", true, "algorithm", "RS256")), 400, "algorithm");
		assertThat(http().patch(this.keys + "/key-nothere", this.root, Map.of("disabled", true)).status())
			.isEqualTo(404);
	}

	@Test
	void anIamUserMayDisableOrEnableAKeyOnlyWithTheNewActions() throws Exception {
		String key = this.keys + "/" + generatedKey("ES256").keyId();
		this.tessera.createUser(this.account, this.root, "KeyMaker");
		this.tessera.createPolicy(this.account, this.root, "MakeKeys", "Allow",
				List.of("iam:CreateServiceAccountKey", "iam:ListServiceAccountKeys", "iam:DeleteServiceAccountKey"),
				List.of(this.sa.crn()));
		this.tessera.attachToUser(this.account, this.root, "KeyMaker", "MakeKeys");
		this.tessera.createUser(this.account, this.root, "Admin");
		this.tessera.attachToUser(this.account, this.root, "Admin", "IAMFullAccess");
		String keyMaker = this.tessera.login(this.account, "KeyMaker", Tessera.PASSWORD);
		String admin = this.tessera.login(this.account, "Admin", Tessera.PASSWORD);

		Http.Response disable = http().patch(key, keyMaker, Map.of("disabled", true));
		Http.Response enable = http().patch(key, keyMaker, Map.of("disabled", false));

		assertThat(assertProblem(disable, 403, null).get("detail").asString()).contains("iam:DisableServiceAccountKey");
		assertThat(assertProblem(enable, 403, null).get("detail").asString()).contains("iam:EnableServiceAccountKey");
		assertThat(http().patch(key, admin, Map.of("disabled", true)).status()).isEqualTo(200);
		assertThat(http().patch(key, admin, Map.of("disabled", false)).status()).isEqualTo(200);
	}

	@Test
	void aDisabledServiceAccountGetsNoTokenByItsKeys() throws Exception {
		KeyFile keyFile = generatedKey("RS256");
		String sa = "/iam/v1/accounts/" + this.account + "/service-accounts/" + this.sa.id();
		assertThat(http().post(sa + "/disable", this.root, "").status()).isEqualTo(200);

		assertRefused(grant(keyFile.assertion(UnaryOperator.identity())));

		assertThat(http().post(sa + "/enable", this.root, "").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> grant(keyFile.assertion(UnaryOperator.identity())).status() == 200);
	}

	@Test
	void theTokensPageShowsTheProgramThatRuns() throws Exception {
		String page = Files.readString(Path.of("src", "site", "markdown", "tokens.md"));
		String marker = "<!-- KeyFileToken.java -->\n```java\n";
		assertThat(page).contains(marker);
		int from = page.indexOf(marker) + marker.length();
		assertThat(page.substring(from, page.indexOf("```", from))).isEqualTo(Files.readString(PROGRAM));
	}

	/**
	 * The program the documentation shows, run as a user would, with the JDK's
	 * single-file source launcher and nimbus-jose-jwt alone on the class path.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "ES256", "PS256" })
	void theDocumentedProgramGetsATokenFromTheSavedKeyFile(String algorithm) throws Exception {
		Http.Response created = http().post(this.keys, this.root, Map.of("algorithm", algorithm));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Path keyFile = Files.createTempFile("key-", ".json");
		try {
			Files.writeString(keyFile, created.body());
			String nimbus = Path.of(JWSAlgorithm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
			Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", nimbus, PROGRAM.toString(), keyFile.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(program.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(program.exitValue()).as(output).isZero();
			JsonNode answer = Http.JSON.readTree(output);
			assertThat(answer.get("token_type").asString()).as(output).isEqualTo("Bearer");
			assertSameAsClientCredentials(answer.get("access_token").asString());
		}
		finally {
			Files.deleteIfExists(keyFile);
		}
	}

	@Test
	void discoveryListsTheGrant() {
		for (String document : List.of("/.well-known/oauth-authorization-server",
				"/.well-known/openid-configuration")) {
			JsonNode grants = http().get(document, null).json().get("grant_types_supported");
			assertThat(grants.toString()).as(document).contains(GRANT);
		}
	}

	private void assertSameAsClientCredentials(String token) {
		JsonNode claims = Tessera.claims(token);
		JsonNode reference = Tessera.claims(this.tessera.serviceAccountToken(this.sa));
		for (String claim : List.of("iss", "sub", "aud", "acct", "perms", "client_id")) {
			assertThat(claims.get(claim)).as(claim).isEqualTo(reference.get(claim));
		}
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong())
			.isEqualTo(reference.get("exp").asLong() - reference.get("iat").asLong());
		assertThat(claims.get("sub").asString()).isEqualTo(this.sa.crn());
	}

	private static void assertRefused(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(response.json().get("error_description").asString()).isEqualTo(REFUSAL);
	}

	private static JsonNode assertProblem(Http.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		if (field != null) {
			assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
		}
		return response.json();
	}

	private KeyFile generatedKey(String algorithm) throws Exception {
		Http.Response created = http().post(this.keys, this.root, Map.of("algorithm", algorithm));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return KeyFile.of(created.json());
	}

	private Http.Response grant(String assertion) {
		return http().form("/oauth2/token", Http.fields("grant_type", GRANT, "assertion", assertion));
	}

	private Http.Response privateKeyJwt(KeyFile keyFile) throws JOSEException {
		return http().form("/oauth2/token",
				Http.fields("grant_type", "client_credentials", "client_id", keyFile.clientId(),
						"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
						"client_assertion", keyFile.assertion((claims) -> claims.expirationTime(in(120)))));
	}

	private List<String> auditTypes() {
		List<String> types = new ArrayList<>();
		http().get("/iam/v1/accounts/" + this.account + "/audit-events?pageSize=1000", this.root)
			.json()
			.get("items")
			.forEach((event) -> types.add(event.get("type").asString()));
		return types;
	}

	private Http http() {
		return this.tessera.http();
	}

	private static Date in(long seconds) {
		return Date.from(Instant.now().plusSeconds(seconds));
	}

	/** What a program takes from the key file, and how it signs an assertion with it. */
	record KeyFile(String keyId, String clientId, String tokenUri, String algorithm, PrivateKey privateKey) {

		static KeyFile of(JsonNode created) throws Exception {
			String algorithm = created.get("algorithm").asString();
			byte[] der = Base64.getMimeDecoder()
				.decode(created.get("privateKeyPem").asString().replaceAll("-----[A-Z ]+-----", ""));
			PrivateKey key = KeyFactory.getInstance("ES256".equals(algorithm) ? "EC" : "RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der));
			return new KeyFile(created.get("keyId").asString(), created.get("clientId").asString(),
					created.get("tokenUri").asString(), algorithm, key);
		}

		KeyFile withKeyId(String other) {
			return new KeyFile(other, this.clientId, this.tokenUri, this.algorithm, this.privateKey);
		}

		KeyFile withAlgorithm(JWSAlgorithm other) {
			return new KeyFile(this.keyId, this.clientId, this.tokenUri, other.getName(), this.privateKey);
		}

		KeyFile withPrivateKey(PrivateKey other) {
			return new KeyFile(this.keyId, this.clientId, this.tokenUri, this.algorithm, other);
		}

		/** A fresh assertion for the token endpoint, valid ten minutes, then changed. */
		String assertion(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
			Date now = new Date();
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.clientId)
				.subject(this.clientId)
				.audience(this.tokenUri)
				.issueTime(now)
				.expirationTime(new Date(now.getTime() + 600_000))
				.jwtID(UUID.randomUUID().toString());
			JWSSigner signer = (this.privateKey instanceof ECPrivateKey ec) ? new ECDSASigner(ec)
					: new RSASSASigner(this.privateKey);
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.parse(this.algorithm)).keyID(this.keyId).build(),
					change.apply(claims).build());
			jwt.sign(signer);
			return jwt.serialize();
		}

	}

}
