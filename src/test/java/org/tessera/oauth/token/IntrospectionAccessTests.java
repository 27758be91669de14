package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Who may read a token through introspection (RFC 7662 section 2.1 and 4): only a
 * confidential client, and only about tokens of its own account or obtained by an actor
 * of its account; the public client may read nothing, whatever parameters it adds. A
 * token the caller may not see answers exactly like an unknown one.
 */
class IntrospectionAccessTests extends IntegrationTest {

	private static final String INACTIVE = "{\"active\":false}";

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String REDIRECT = "http://127.0.0.1:53682/callback";

	private Tessera.Walkthrough world;

	private String system1;

	@BeforeEach
	void theWalkthroughWorld() {
		this.world = this.tessera.walkthrough();
		this.system1 = this.tessera.login(this.world.accountA(), "System1", Tessera.PASSWORD);
	}

	@Test
	void thePublicClientCannotIntrospectATokenByClaimingTheTokenExchangeGrantButStillExchangesAndRevokes() {
		String token = this.tessera.serviceAccountToken(this.world.saOfB());

		Http.Response response = http().form("/oauth2/introspect",
				Http.fields("client_id", "tessera-cli", "grant_type", TOKEN_EXCHANGE, "token", token));

		assertInvalidClient(response);
		assertThat(response.body()).doesNotContain(this.world.saOfB().crn()).doesNotContain("\"active\"");
		Http.Response exchanged = this.tessera.impersonate(this.world.saOfB().id(), this.system1);
		assertThat(exchanged.status()).as("token exchange by client_id alone: " + exchanged).isEqualTo(200);
		Http.Response revoked = http().form("/oauth2/revoke",
				Http.fields("token", this.system1, "client_id", "tessera-cli"));
		assertThat(revoked.status()).as("revocation by client_id alone: " + revoked).isEqualTo(200);
		assertThat(introspect(this.system1, checkerOf(this.world.accountA())).body()).isEqualTo(INACTIVE);
	}

	@Test
	void thePublicClientCannotIntrospectATokenWithTheCodeAndVerifierOfItsOwnLogin() {
		String token = this.tessera.serviceAccountToken(this.world.saOfB());
		Login login = loginWithOwnVerifier(this.world.accountA(), "System1");
		assertThat(redeem(login).status()).isEqualTo(200);

		Http.Response response = http().form("/oauth2/introspect",
				Http.fields("client_id", "tessera-cli", "grant_type", "authorization_code", "code", login.code(),
						"redirect_uri", REDIRECT, "code_verifier", login.verifier(), "token", token));

		assertInvalidClient(response);
		assertThat(response.body()).doesNotContain(this.world.saOfB().crn()).doesNotContain("\"active\"");
	}

	@Test
	void aServiceAccountOfAnotherAccountSeesAValidTokenExactlyAsItSeesGarbage() {
		ServiceAccountCredentials checkerOfA = checkerOf(this.world.accountA());
		ServiceAccountCredentials checkerOfB = checkerOf(this.world.accountB());
		String tokenOfB = this.tessera.serviceAccountToken(this.world.saOfB());

		Http.Response own = introspect(tokenOfB, checkerOfB);
		Http.Response foreign = introspect(tokenOfB, checkerOfA);
		Http.Response foreignPerson = introspect(this.world.rootA(), checkerOfB);
		Http.Response garbage = introspect("garbage", checkerOfA);

		assertThat(own.json().get("active").asBoolean()).as(own.toString()).isTrue();
		assertThat(own.json().get("acct").asString()).isEqualTo(this.world.accountB());
		for (Http.Response refused : List.of(foreign, foreignPerson, garbage)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
			assertThat(refused.body()).isEqualTo(INACTIVE);
			assertThat(refused.contentType()).isEqualTo(garbage.contentType());
		}
	}

	@Test
	void anImpersonatedTokenIsVisibleToTheTargetsAccountAndTheActorsAccountOnly() {
		String impersonated = Tessera.accessToken(this.tessera.impersonate(this.world.saOfB().id(), this.system1));
		String third = this.tessera.signUp();

		Http.Response byTarget = introspect(impersonated, checkerOf(this.world.accountB()));
		Http.Response byActor = introspect(impersonated, checkerOf(this.world.accountA()));
		Http.Response byStranger = introspect(impersonated, checkerOf(third));

		for (Http.Response visible : List.of(byTarget, byActor)) {
			assertThat(visible.json().get("active").asBoolean()).as(visible.toString()).isTrue();
			assertThat(visible.json().get("acct").asString()).isEqualTo(this.world.accountB());
			assertThat(visible.json().get("act").get("acct").asString()).isEqualTo(this.world.accountA());
		}
		assertThat(byStranger.status()).isEqualTo(200);
		assertThat(byStranger.body()).as("a third account learns nothing about the chain").isEqualTo(INACTIVE);
	}

	private ServiceAccountCredentials checkerOf(String account) {
		return this.tessera.createServiceAccount(account, this.tessera.loginRoot(account), "checker", List.of(),
				List.of());
	}

	private Http.Response introspect(String token, ServiceAccountCredentials client) {
		return http().form("/oauth2/introspect", Http.fields("token", token), client.id(), client.secret());
	}

	private static void assertInvalidClient(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	/** A login's code and the PKCE verifier that goes with it (RFC 7636). */
	private record Login(String code, String verifier) {
	}

	/**
	 * The browser part of a PKCE login through tessera-cli, with a verifier made here.
	 */
	private Login loginWithOwnVerifier(String account, String username) {
		String verifier = randomVerifier();
		Http browser = new Http(issuer());
		Http.Response authorize = browser
			.browse("/oauth2/authorize?response_type=code&client_id=tessera-cli" + "&redirect_uri=" + REDIRECT
					+ "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256&state=s1");
		assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
		Http.Response page = browser.browse(authorize.header("Location"));
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		Http.Response login = browser.browserForm("/login", Http.fields("account", account, "username", username,
				"password", Tessera.PASSWORD, "_csrf", csrf.group(1)));
		Http.Response callback = browser.browse(login.header("Location"));
		return new Login(Tessera.codeOf(callback), verifier);
	}

	private Http.Response redeem(Login login) {
		return http().form("/oauth2/token", Http.fields("grant_type", "authorization_code", "code", login.code(),
				"redirect_uri", REDIRECT, "client_id", "tessera-cli", "code_verifier", login.verifier()));
	}

	private static String randomVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Http http() {
		return this.tessera.http();
	}

}
