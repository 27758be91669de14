package org.tessera.hardening.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.oauth.key.SigningKeys;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.vserver.VServerApplication;

import tools.jackson.databind.node.ObjectNode;

/**
 * SPEC sections 5 and 7: forged, tampered, wrongly typed or out-of-date tokens are
 * refused at every place that takes a token: vServer (401 with a Bearer challenge), the
 * management API (401) and introspection ({@code active: false}). Positive controls prove
 * that real tokens pass at the same three places, so every refusal is meaningful.
 * <p>
 * Claim and header checks are tested twice: re-signed by a foreign key (refused whatever
 * the validators do) and signed by the server's own active signing key (taken from the
 * {@link SigningKeys} bean of the server running in this JVM), which is the only way to
 * prove that the expiry, not-before, issuer, audience and {@code typ} validators really
 * exist without waiting for a token to expire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAttackTests extends IntegrationTest {

	private static ConfigurableApplicationContext vServer;

	private static Http vServerHttp;

	@Autowired
	private SigningKeys signingKeys;

	private World world;

	/** Everything the forgeries are made from. */
	record World(String account, String otherAccount, String rootToken, ServiceAccountCredentials sa, String saToken,
			String secondSaToken, Http.Response idTokenResponse, JWK realPrivateKey, JWK realPublicKey,
			ServiceAccountCredentials introspector) {
	}

	/** A token to try and the account whose resources it is tried on. */
	record Forgery(String token, String account) {
	}

	@BeforeAll
	void startVServerAndBuildTheWorld() throws Exception {
		int port = IntegrationTest.freePort();
		vServer = VServerApplication.start("--server.port=" + port, "--tessera.vserver.issuer=" + issuer());
		vServerHttp = new Http("http://localhost:" + port);

		Tessera tessera = new Tessera(issuer());
		String account = tessera.signUp();
		String otherAccount = tessera.signUp();
		String root = tessera.loginRoot(account);
		ServiceAccountCredentials sa = tessera.createServiceAccount(account, root, "attack-target", List.of(),
				List.of("vServerFullAccess", "IAMFullAccess"));
		ServiceAccountCredentials introspector = tessera.createServiceAccount(otherAccount,
				tessera.loginRoot(otherAccount), "introspector", List.of(), List.of());
		String saToken = tessera.serviceAccountToken(sa);
		String secondSaToken = tessera.serviceAccountToken(sa);
		Http.Response idTokenResponse = tessera.openIdLogin(account, "", Tessera.PASSWORD);

		JWKSet published = JWKSet.parse(tessera.http().get("/oauth2/jwks", null).body());
		JWK realPrivate = this.signingKeys.allKeys()
			.get(new com.nimbusds.jose.jwk.JWKSelector(
					new com.nimbusds.jose.jwk.JWKMatcher.Builder().keyID(this.signingKeys.activeKeyId()).build()), null)
			.get(0);
		JWK realPublic = published.getKeyByKeyId(realPrivate.getKeyID());
		assertThat(realPublic).as("the active key is published").isNotNull();
		assertThat(realPublic.isPrivate()).as("only public parts are published").isFalse();
		this.world = new World(account, otherAccount, root, sa, saToken, secondSaToken, idTokenResponse, realPrivate,
				realPublic, introspector);
	}

	@AfterAll
	static void stopVServer() {
		if (vServer != null) {
			vServer.close();
		}
	}

	// ---------------------------------------------------------------- positive controls

	@Test
	void aRealServiceAccountTokenIsAcceptedAtAllThreePlaces() {
		assertAccepted(new Forgery(this.world.saToken(), this.world.account()));
	}

	@Test
	void aRealRootTokenIsAcceptedAtAllThreePlaces() {
		assertAccepted(new Forgery(this.world.rootToken(), this.world.account()));
	}

	@Test
	void aTokenSignedByTheRealKeyWithUnchangedClaimsIsAccepted() {
		// proves the real-key forgeries below are refused for the one thing they change,
		// not for the way they are made
		assertAccepted(new Forgery(realSigned(this.world, header(this.world), claims(this.world).build()),
				this.world.account()));
	}

	@Test
	void anOpenIdLoginGivesAnIdTokenNotAServerError() {
		Http.Response response = this.world.idTokenResponse();
		assertThat(response.status()).as("authorization_code with scope=openid: " + response).isEqualTo(200);
		assertThat(response.json().has("id_token")).as(response.toString()).isTrue();
	}

	@Test
	void theIdTokenReallyComesFromThisServer() throws Exception {
		SignedJWT id = SignedJWT.parse(idToken(this.world));
		assertThat(id.getHeader().getKeyID()).isEqualTo(this.world.realPublicKey().getKeyID());
		assertThat(id.getJWTClaimsSet().getIssuer()).isEqualTo(issuer());
		assertThat(id.getHeader().getType() == null || !"at+jwt".equals(id.getHeader().getType().getType())).isTrue();
	}

	// ---------------------------------------------------------------- the attacks

	static Stream<Arguments> forgeries() {
		return Stream.of(
				// unsigned
				forgery("alg none", (w) -> unsigned(w, "{\"alg\":\"none\",\"typ\":\"at+jwt\"}", "")),
				forgery("alg none with the real kid",
						(w) -> unsigned(w,
								"{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + w.realPublicKey().getKeyID()
										+ "\"}",
								"")),
				forgery("alg NONE, original signature kept",
						(w) -> unsigned(w, "{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}", w.saToken().split("\\.")[2])),
				forgery("stripped signature", (w) -> {
					String[] parts = w.saToken().split("\\.");
					return new Forgery(parts[0] + "." + parts[1] + ".", w.account());
				}), forgery("header and payload only", (w) -> {
					String[] parts = w.saToken().split("\\.");
					return new Forgery(parts[0] + "." + parts[1], w.account());
				}),
				// algorithm confusion
				forgery("HS256 keyed with the public JWK JSON",
						(w) -> hmac(w, w.realPublicKey().toJSONString().getBytes(StandardCharsets.UTF_8))),
				forgery("HS256 keyed with the DER public key", (w) -> hmac(w, encodedPublicKey(w.realPublicKey()))),
				forgery("HS256 keyed with the PEM public key", (w) -> hmac(w, pem(w.realPublicKey()))),
				// keys the server never had
				forgery("unknown kid", (w) -> foreign(w, header(w, "no-such-kid").build(), claims(w).build())),
				forgery("kid is a path", (w) -> foreign(w, header(w, "../../etc/passwd").build(), claims(w).build())),
				forgery("kid is a URL",
						(w) -> foreign(w, header(w, "http://127.0.0.1:1/jwks").build(), claims(w).build())),
				forgery("jku header pointing elsewhere",
						(w) -> foreign(w,
								header(w, "attacker").jwkURL(java.net.URI.create("http://127.0.0.1:1/jwks")).build(),
								claims(w).build())),
				forgery("embedded jwk header", (w) -> {
					ECKey attacker = newEcKey("attacker");
					return new Forgery(sign(attacker, JWSAlgorithm.ES256,
							header(w, "attacker", JWSAlgorithm.ES256).jwk(attacker.toPublicJWK()).build(),
							claims(w).build()), w.account());
				}), forgery("another EC key with the real kid", (w) -> {
					ECKey attacker = newEcKey(w.realPublicKey().getKeyID());
					return new Forgery(sign(attacker, JWSAlgorithm.ES256,
							header(w, w.realPublicKey().getKeyID(), JWSAlgorithm.ES256).build(), claims(w).build()),
							w.account());
				}), forgery("an RSA key with the real kid", (w) -> {
					RSAKey attacker = newRsaKey(w.realPublicKey().getKeyID());
					return new Forgery(sign(attacker, JWSAlgorithm.RS256,
							header(w, w.realPublicKey().getKeyID(), JWSAlgorithm.RS256).build(), claims(w).build()),
							w.account());
				}), forgery("an Ed25519 key with the real kid (EdDSA is accepted when configured)", (w) -> {
					OctetKeyPair attacker = newEd25519Key(w.realPublicKey().getKeyID());
					return new Forgery(sign(attacker, JWSAlgorithm.EdDSA,
							header(w, w.realPublicKey().getKeyID(), JWSAlgorithm.EdDSA).build(), claims(w).build()),
							w.account());
				}),
				// tampering with a real signature
				forgery("tampered acct (signature kept)", (w) -> {
					ObjectNode payload = (ObjectNode) Tessera.claims(w.saToken());
					payload.put("acct", w.otherAccount());
					payload.put("sub", "crn:iam:" + w.otherAccount() + ":root");
					return new Forgery(withPayload(w.saToken(), payload.toString()), w.otherAccount());
				}), forgery("tampered perms (signature kept)", (w) -> {
					ObjectNode payload = (ObjectNode) Tessera.claims(w.saToken());
					payload.set("perms",
							Http.JSON.readTree("[{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]}]"));
					return new Forgery(withPayload(w.saToken(), payload.toString()), w.account());
				}), forgery("tampered exp (signature kept)", (w) -> {
					ObjectNode payload = (ObjectNode) Tessera.claims(w.saToken());
					payload.put("exp", payload.get("exp").asLong() + 86400);
					return new Forgery(withPayload(w.saToken(), payload.toString()), w.account());
				}), forgery("signature of another real token", (w) -> {
					String[] one = w.saToken().split("\\.");
					String[] two = w.secondSaToken().split("\\.");
					return new Forgery(one[0] + "." + one[1] + "." + two[2], w.account());
				}),
				// claims and header re-signed by a foreign key with the real kid
				forgery("expired, foreign key", (w) -> foreign(w, header(w).build(), expired(w))),
				forgery("nbf in the future, foreign key", (w) -> foreign(w, header(w).build(), notYetValid(w))),
				forgery("wrong iss, foreign key",
						(w) -> foreign(w, header(w).build(), claims(w).issuer("http://evil.example").build())),
				forgery("wrong aud, foreign key",
						(w) -> foreign(w, header(w).build(), claims(w).audience("someone-else").build())),
				forgery("missing typ, foreign key", (w) -> foreign(w, untyped(w), claims(w).build())),
				forgery("typ JWT, foreign key", (w) -> foreign(w, typed(w, JOSEObjectType.JWT), claims(w).build())),
				// the same, signed by the server's real key: only the validators can
				// refuse these
				forgery("expired, real key", (w) -> real(w, header(w), expired(w))),
				forgery("nbf in the future, real key", (w) -> real(w, header(w), notYetValid(w))),
				forgery("no exp, real key", (w) -> real(w, header(w), claims(w).expirationTime(null).build())),
				forgery("wrong iss, real key",
						(w) -> real(w, header(w), claims(w).issuer("http://evil.example").build())),
				forgery("iss with a trailing slash, real key",
						(w) -> real(w, header(w), claims(w).issuer(issuer() + "/").build())),
				forgery("wrong aud, real key", (w) -> real(w, header(w), claims(w).audience("someone-else").build())),
				forgery("no aud, real key", (w) -> real(w, header(w), claims(w).audience((String) null).build())),
				forgery("missing typ, real key", (w) -> real(w, untypedBuilder(w), claims(w).build())),
				forgery("typ JWT, real key", (w) -> real(w, typedBuilder(w, JOSEObjectType.JWT), claims(w).build())),
				forgery("typ id_token-like 'JWT' with aud tessera-cli, real key",
						(w) -> real(w, typedBuilder(w, JOSEObjectType.JWT), claims(w).audience("tessera-cli").build())),
				// a genuine ID token of this server
				forgery("ID-token-shaped JWT (no typ, aud tessera-cli, nonce, auth_time), real key",
						(w) -> real(w, untypedBuilder(w), idTokenShaped(w))),
				forgery("real ID token used as an access token", (w) -> new Forgery(idToken(w), w.account())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void aForgedTokenIsRefusedEverywhere(String name, Function<World, Forgery> make) {
		Forgery forgery = make.apply(this.world);

		Http.Response atVServer = vServerHttp.get("/vserver/v1/accounts/" + forgery.account() + "/servers",
				forgery.token());
		assertThat(atVServer.status()).as("vServer: " + atVServer).isEqualTo(401);
		assertThat(atVServer.header("WWW-Authenticate")).as("vServer challenge").isNotNull().contains("Bearer");

		Http.Response atManagement = this.tessera.http()
			.get("/iam/v1/accounts/" + forgery.account() + "/users", forgery.token());
		assertThat(atManagement.status()).as("management API: " + atManagement).isEqualTo(401);

		Http.Response introspection = introspect(forgery);
		assertThat(introspection.status()).as("introspection: " + introspection).isEqualTo(200);
		assertThat(introspection.json().get("active").asBoolean()).as("introspection: " + introspection).isFalse();
		assertThat(introspection.json().size()).as("an inactive token answers active:false only: " + introspection)
			.isEqualTo(1);
	}

	// ---------------------------------------------------------------- helpers

	private void assertAccepted(Forgery token) {
		Http.Response atVServer = vServerHttp.get("/vserver/v1/accounts/" + token.account() + "/servers",
				token.token());
		assertThat(atVServer.status()).as("vServer: " + atVServer).isEqualTo(200);
		Http.Response atManagement = this.tessera.http()
			.get("/iam/v1/accounts/" + token.account() + "/users", token.token());
		assertThat(atManagement.status()).as("management API: " + atManagement).isEqualTo(200);
		Http.Response introspection = introspect(token);
		assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
		assertThat(introspection.json().get("active").asBoolean()).as(introspection.toString()).isTrue();
	}

	/**
	 * Introspection by a service account of the account the token claims, the only one
	 * that may see it active.
	 */
	private Http.Response introspect(Forgery token) {
		ServiceAccountCredentials client = token.account().equals(this.world.account()) ? this.world.sa()
				: this.world.introspector();
		return this.tessera.http()
			.form("/oauth2/introspect", Http.fields("token", token.token()), client.id(), client.secret());
	}

	private static Arguments forgery(String name, Function<World, Forgery> make) {
		return Arguments.of(name, make);
	}

	private static Forgery unsigned(World w, String headerJson, String signature) {
		String payload = w.saToken().split("\\.")[1];
		return new Forgery(b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + payload + "." + signature,
				w.account());
	}

	private static Forgery hmac(World w, byte[] secret) {
		try {
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
				.keyID(w.realPublicKey().getKeyID())
				.build();
			SignedJWT jwt = new SignedJWT(header, claims(w).build());
			jwt.sign(new MACSigner(secret));
			return new Forgery(jwt.serialize(), w.account());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encodedPublicKey(JWK key) {
		try {
			if (key instanceof ECKey ec) {
				return ec.toECPublicKey().getEncoded();
			}
			return ((RSAKey) key).toRSAPublicKey().getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] pem(JWK key) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(encodedPublicKey(key));
		return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static JWSAlgorithm realAlgorithm(World w) {
		return (w.realPublicKey() instanceof ECKey) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
	}

	private static JWSHeader.Builder header(World w) {
		return header(w, w.realPublicKey().getKeyID(), realAlgorithm(w));
	}

	private static JWSHeader.Builder header(World w, String kid) {
		return header(w, kid, JWSAlgorithm.ES256);
	}

	private static JWSHeader.Builder header(World w, String kid, JWSAlgorithm algorithm) {
		return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID(kid);
	}

	private static JWSHeader.Builder untypedBuilder(World w) {
		return new JWSHeader.Builder(realAlgorithm(w)).keyID(w.realPublicKey().getKeyID());
	}

	private static JWSHeader.Builder typedBuilder(World w, JOSEObjectType type) {
		return untypedBuilder(w).type(type);
	}

	private static JWSHeader untyped(World w) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(w.realPublicKey().getKeyID()).build();
	}

	private static JWSHeader typed(World w, JOSEObjectType type) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(w.realPublicKey().getKeyID()).type(type).build();
	}

	/** The real service-account token's claims with a fresh jti, ready to be changed. */
	private static JWTClaimsSet.Builder claims(World w) {
		try {
			return new JWTClaimsSet.Builder(JWTClaimsSet.parse(Tessera.claims(w.saToken()).toString()))
				.jwtID(UUID.randomUUID().toString());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet idTokenShaped(World w) {
		Date now = new Date();
		return new JWTClaimsSet.Builder().issuer(issuer())
			.subject("crn:iam:" + w.account() + ":root")
			.audience("tessera-cli")
			.claim("azp", "tessera-cli")
			.claim("nonce", "n1")
			.claim("auth_time", now.getTime() / 1000)
			.claim("sid", UUID.randomUUID().toString())
			.issueTime(now)
			.expirationTime(new Date(now.getTime() + 1_800_000))
			.jwtID(UUID.randomUUID().toString())
			.build();
	}

	/**
	 * The ID token of the openid login, failing the test that needs it when the login did
	 * not give one.
	 */
	private static String idToken(World w) {
		Http.Response response = w.idTokenResponse();
		assertThat(response.status()).as("authorization_code with scope=openid: " + response).isEqualTo(200);
		assertThat(response.json().has("id_token")).as("scope=openid gives an ID token: " + response).isTrue();
		return response.json().get("id_token").asString();
	}

	private static JWTClaimsSet expired(World w) {
		long now = System.currentTimeMillis();
		return claims(w).issueTime(new Date(now - 3_900_000))
			.notBeforeTime(new Date(now - 3_900_000))
			.expirationTime(new Date(now - 600_000))
			.build();
	}

	private static JWTClaimsSet notYetValid(World w) {
		long now = System.currentTimeMillis();
		return claims(w).notBeforeTime(new Date(now + 600_000)).build();
	}

	private static Forgery foreign(World w, JWSHeader header, JWTClaimsSet claims) {
		ECKey attacker = newEcKey(header.getKeyID());
		JWSHeader es256 = new JWSHeader.Builder(header).build();
		if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
			es256 = new JWSHeader.Builder(JWSAlgorithm.ES256).type(header.getType()).keyID(header.getKeyID()).build();
		}
		return new Forgery(sign(attacker, JWSAlgorithm.ES256, es256, claims), w.account());
	}

	private static Forgery real(World w, JWSHeader.Builder header, JWTClaimsSet claims) {
		return new Forgery(realSigned(w, header, claims), w.account());
	}

	private static String realSigned(World w, JWSHeader.Builder header, JWTClaimsSet claims) {
		return sign(w.realPrivateKey(), realAlgorithm(w), header.build(), claims);
	}

	private static String sign(JWK key, JWSAlgorithm algorithm, JWSHeader header, JWTClaimsSet claims) {
		try {
			JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec)
					: (key instanceof OctetKeyPair okp) ? new Ed25519Signer(okp) : new RSASSASigner((RSAKey) key);
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OctetKeyPair newEd25519Key(String kid) {
		try {
			return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey newEcKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey newRsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String withPayload(String jwt, String payload) {
		String[] parts = jwt.split("\\.");
		return parts[0] + "." + b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
