package org.tessera.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;

/**
 * What a user of a running Tessera does, one method per step: sign up, log in through the
 * login page with PKCE, create users, policies and service accounts, get tokens. Each
 * step asserts it succeeded, so tests read as the user's story.
 */
public final class Tessera {

	public static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String base;

	private final Http http;

	public Tessera(String base) {
		this.base = base;
		this.http = new Http(base);
	}

	public Http http() {
		return this.http;
	}

	/** A new root account with a unique e-mail; returns its id. */
	public String signUp() {
		Http.Response response = this.http.post("/iam/v1/accounts", null,
				Map.of("email", "root-" + UUID.randomUUID() + "@example.test", "password", PASSWORD));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	/**
	 * Logs in on the login page through tessera-cli with PKCE and returns the access
	 * token.
	 */
	public String login(String account, String username, String password) {
		String code = authorizationCode(account, username, password);
		assertThat(code).as("the login should end with a code at the loopback redirect").isNotNull();
		return exchangeCode(code);
	}

	public String loginRoot(String account) {
		return login(account, "", PASSWORD);
	}

	private String verifier;

	private static final String REDIRECT = "http://127.0.0.1:53682/callback";

	/**
	 * Runs the browser part of the login; returns the code, or null when the login page
	 * refused.
	 */
	public String authorizationCode(String account, String username, String password) {
		return authorizationCode(account, username, password, "");
	}

	/**
	 * An OpenID Connect login ({@code scope=openid}): the token endpoint's answer, ID
	 * token included.
	 */
	public Http.Response openIdLogin(String account, String username, String password) {
		String code = authorizationCode(account, username, password, "&scope=openid&nonce=n1");
		assertThat(code).as("the login should end with a code at the loopback redirect").isNotNull();
		return redeem(code);
	}

	private String authorizationCode(String account, String username, String password, String query) {
		return authorizationCode(new Http(this.base), account, username, password, query);
	}

	/**
	 * Runs the browser part of the login in {@code browser}, which keeps the session
	 * cookie for later authorization requests; returns the code, or null when the login
	 * page refused.
	 */
	public String authorizationCode(Http browser, String account, String username, String password) {
		return authorizationCode(browser, account, username, password, "");
	}

	private String authorizationCode(Http browser, String account, String username, String password, String query) {
		Http.Response authorize = authorize(browser, query);
		assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
		Http.Response page = browser.browse(authorize.header("Location"));
		assertThat(page.status()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("login page has a _csrf field").isTrue();
		Http.Response login = browser.browserForm("/login",
				Http.fields("account", account, "username", username, "password", password, "_csrf", csrf.group(1)));
		assertThat(login.status()).isEqualTo(302);
		String next = login.header("Location");
		if (next.contains("/login?error")) {
			return null;
		}
		Http.Response callback = browser.browse(next);
		assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
		return codeOf(callback);
	}

	/**
	 * A new authorization request in a browser that may still be logged in: a redirect to
	 * the loopback callback with a code ({@link #codeOf}) when it is, to the login page
	 * otherwise.
	 */
	public Http.Response authorize(Http browser) {
		return authorize(browser, "");
	}

	private Http.Response authorize(Http browser, String query) {
		this.verifier = randomString();
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(this.verifier));
		return browser.browse("/oauth2/authorize?response_type=code&client_id=tessera-cli&redirect_uri=" + REDIRECT
				+ "&code_challenge=" + challenge + "&code_challenge_method=S256&state=s1" + query);
	}

	/** The code of a redirect to the loopback callback. */
	public static String codeOf(Http.Response redirect) {
		String location = redirect.header("Location");
		assertThat(location).as(redirect.toString()).startsWith(REDIRECT).contains("state=s1");
		Matcher code = Pattern.compile("code=([^&]+)").matcher(location);
		return code.find() ? code.group(1) : null;
	}

	/** The token endpoint's answer to a code of the last authorization request. */
	public Http.Response redeem(String code) {
		return this.http.form("/oauth2/token", Http.fields("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT, "client_id", "tessera-cli", "code_verifier", this.verifier));
	}

	private String exchangeCode(String code) {
		Http.Response token = redeem(code);
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		return token.json().get("access_token").asString();
	}

	public void createUser(String account, String token, String name) {
		Http.Response response = this.http.post("/iam/v1/accounts/" + account + "/users", token,
				Map.of("name", name, "password", PASSWORD));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
	}

	public void createPolicy(String account, String token, String name, String effect, List<String> actions,
			List<String> resources) {
		Http.Response response = this.http.post("/iam/v1/accounts/" + account + "/policies", token, Map.of("name", name,
				"statements", List.of(Map.of("effect", effect, "actions", actions, "resources", resources))));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
	}

	public void attachToUser(String account, String token, String user, String policy) {
		Http.Response response = this.http.put("/iam/v1/accounts/" + account + "/users/" + user + "/policies/" + policy,
				token, "");
		assertThat(response.status()).as(response.toString()).isEqualTo(204);
	}

	/** A service account with client credentials: id, CRN and the one-time secret. */
	public record ServiceAccountCredentials(String id, String crn, String secret) {
	}

	public ServiceAccountCredentials createServiceAccount(String account, String token, String name,
			List<String> trustedAccounts, List<String> policies) {
		Http.Response response = this.http.post("/iam/v1/accounts/" + account + "/service-accounts", token,
				Map.of("name", name, "description", "made by a test", "trustedAccounts", trustedAccounts, "policies",
						policies));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.json();
		return new ServiceAccountCredentials(body.get("id").asString(), body.get("crn").asString(),
				body.get("clientSecret").asString());
	}

	/**
	 * A key pair made here whose public half was uploaded to a service account: signs its
	 * client assertions.
	 */
	public record ServiceAccountKey(String saId, String keyId, ECKey key) {

		/** A fresh RFC 7523 client assertion for {@code audience}, valid for a minute. */
		public String assertion(String audience) {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.keyId).build(),
						new JWTClaimsSet.Builder().issuer(this.saId)
							.subject(this.saId)
							.audience(audience)
							.expirationTime(Date.from(Instant.now().plusSeconds(60)))
							.jwtID(UUID.randomUUID().toString())
							.build());
				jwt.sign(new ECDSASigner(this.key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The form fields of {@code private_key_jwt} client authentication with a fresh
		 * assertion.
		 */
		public Map<String, String> authentication(String audience) {
			return Http.fields("client_id", this.saId, "client_assertion_type",
					"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion(audience));
		}

	}

	/** Uploads the public half of a new P-256 key pair to the service account. */
	public ServiceAccountKey uploadKey(String account, String token, String saId) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).generate();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder().encodeToString(key.toECPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
			Http.Response response = this.http.post(
					"/iam/v1/accounts/" + account + "/service-accounts/" + saId + "/keys", token,
					Map.of("publicKeyPem", pem));
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			return new ServiceAccountKey(saId, response.json().get("keyId").asString(), key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Http.Response clientCredentials(String clientId, String secret) {
		return this.http.form("/oauth2/token", Http.fields("grant_type", "client_credentials"), clientId, secret);
	}

	public String serviceAccountToken(ServiceAccountCredentials sa) {
		Http.Response response = clientCredentials(sa.id(), sa.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("access_token").asString();
	}

	/**
	 * The world of SPEC section 8 steps 1 to 3: accounts A and B signed up and logged in
	 * as root; B's service account AllowAccessFromRootUserAccountA trusting A with
	 * vServerFullAccess; A's user System1 holding ImpersonateToRootUserAccountB on it.
	 */
	public record Walkthrough(String accountA, String accountB, String rootA, String rootB,
			ServiceAccountCredentials saOfB) {
	}

	public Walkthrough walkthrough() {
		String accountA = signUp();
		String accountB = signUp();
		String rootA = loginRoot(accountA);
		String rootB = loginRoot(accountB);
		ServiceAccountCredentials saOfB = createServiceAccount(accountB, rootB, "AllowAccessFromRootUserAccountA",
				List.of(accountA), List.of("vServerFullAccess"));
		createUser(accountA, rootA, "System1");
		createPolicy(accountA, rootA, "ImpersonateToRootUserAccountB", "Allow",
				List.of("iam:ImpersonateServiceAccount"), List.of(saOfB.crn()));
		attachToUser(accountA, rootA, "System1", "ImpersonateToRootUserAccountB");
		return new Walkthrough(accountA, accountB, rootA, rootB, saOfB);
	}

	/**
	 * A person's token exchange through tessera-cli: impersonate {@code target} (saId or
	 * CRN).
	 */
	public Http.Response impersonate(String target, String actorToken) {
		return this.http.form("/oauth2/token",
				Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", target,
						"subject_token_type", "urn:tessera:params:oauth:token-type:service_account", "actor_token",
						actorToken, "actor_token_type", "urn:ietf:params:oauth:token-type:access_token", "client_id",
						"tessera-cli"));
	}

	/** The same with a {@code display_name} for the session. */
	public Http.Response impersonate(String target, String actorToken, String displayName) {
		return this.http.form("/oauth2/token",
				Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", target,
						"subject_token_type", "urn:tessera:params:oauth:token-type:service_account", "actor_token",
						actorToken, "actor_token_type", "urn:ietf:params:oauth:token-type:access_token", "client_id",
						"tessera-cli", "display_name", displayName));
	}

	/** The access token of a successful token answer. */
	public static String accessToken(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("access_token").asString();
	}

	/**
	 * The JWT's payload as JSON (no verification: tests verify separately where it
	 * matters).
	 */
	public static JsonNode claims(String jwt) {
		return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	public static JsonNode header(String jwt) {
		return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
	}

	private static String randomString() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
