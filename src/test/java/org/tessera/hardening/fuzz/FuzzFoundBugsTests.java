package org.tessera.hardening.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.hardening.fuzz.Fuzz.Got;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * The smallest inputs the fuzz tests found that the server answers wrongly, one test
 * each, asserting the correct behaviour (a JSON refusal below 500).
 */
class FuzzFoundBugsTests extends IntegrationTest {

	private Got send(String method, String path, Map<String, String> headers, String body) {
		return new Fuzz.Raw(issuer()).send(method, path, headers,
				(body == null) ? null : body.getBytes(StandardCharsets.UTF_8));
	}

	private static void problem(Got got, int... statuses) {
		assertThat(got.status()).as(got.describe())
			.isIn((Object[]) Arrays.stream(statuses).boxed().toArray(Integer[]::new));
		assertThat(got.contentType()).as(got.describe()).startsWith("application/problem+json");
		assertThat(got.json().path("detail").asString("")).as(got.describe()).isNotBlank();
	}

	private static void oauthError(Got got, int... statuses) {
		assertThat(got.status()).as(got.describe())
			.isIn((Object[]) Arrays.stream(statuses).boxed().toArray(Integer[]::new));
		assertThat(got.contentType()).as(got.describe()).contains("json");
		assertThat(got.json().path("error").asString("")).as(got.describe()).isNotBlank();
	}

	@Test
	void aUserPasswordOf73To128BytesIsAcceptedOrRefusedNotA500() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Got got = send("POST", "/iam/v1/accounts/" + account + "/users",
				Fuzz.headers("Authorization", "Bearer " + root, "Content-Type", "application/json"),
				"{\"name\":\"long-password\",\"password\":\"" + "a".repeat(73) + "\"}");
		assertThat(got.status()).as(got.describe()).isIn(201, 400);
	}

	@Test
	void aWildcardContentTypeIsA415NotA500() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Got got = send("POST", "/iam/v1/accounts/" + account + "/users",
				Fuzz.headers("Authorization", "Bearer " + root, "Content-Type", "*/*"),
				"{\"name\":\"wild\",\"password\":\"" + Tessera.PASSWORD + "\"}");
		problem(got, 415);
	}

	@Test
	void aQueryParameterWithInvalidUtf8IsA400NotA500() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Got got = send("GET", "/iam/v1/accounts/" + account + "/users?pageSize=%BE",
				Fuzz.headers("Authorization", "Bearer " + root), null);
		problem(got, 400);
	}

	@Test
	void aPathSegmentWithInvalidUtf8IsAProblemNotTomcatsHtmlPage() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Got got = send("GET", "/iam/v1/accounts/" + account + "/users/%E8",
				Fuzz.headers("Authorization", "Bearer " + root), null);
		problem(got, 400, 404);
	}

	@Test
	void aBasicClientIdThatDecodesToBlankIsInvalidClientNotA500() {
		Got got = send("POST", "/oauth2/token",
				Fuzz.headers("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("+:x".getBytes(StandardCharsets.UTF_8)),
						"Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials");
		oauthError(got, 400, 401);
	}

	@Test
	void theTokenEndpointNeverRedirectsABrowserToTheLoginPage() {
		Got got = send("POST", "/oauth2/token",
				Fuzz.headers("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
				"grant_type=client_credentials");
		oauthError(got, 400, 401);
	}

	@Test
	void aWrongMethodOnTheTokenEndpointIsJsonNotAWhitelabelPage() {
		Got got = send("PUT", "/oauth2/token", Fuzz.headers("Accept", "text/html"), null);
		assertThat(got.status()).as(got.describe()).isBetween(400, 499);
		assertThat(got.contentType()).as(got.describe()).contains("json");
	}

	@Test
	void aWrongMethodOnTheTokenEndpointsNamesPostInAllow() {
		for (String path : new String[] { "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke" }) {
			Got got = send("GET", path, Fuzz.headers("Accept", "application/json"), null);
			oauthError(got, 405);
			assertThat(got.headers().firstValue("Allow")).as(got.describe()).hasValue("POST");
		}
	}

	@Test
	void aBearerHeaderAtTheTokenEndpointGetsAJsonError() {
		Got got = send(
				"POST", "/oauth2/token", Fuzz.headers("Authorization", "Bearer garbage", "Content-Type",
						"application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials");
		oauthError(got, 400, 401);
	}

	@Test
	void aMalformedPercentEscapeInTheTokenFormIsAJsonError() {
		Got got = send("POST", "/oauth2/token",
				Fuzz.headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials&a=%");
		oauthError(got, 400, 401);
	}

	@Test
	void aControlCharacterInTheTokenFormIsAnRfc6749Error() {
		Got got = send("POST", "/oauth2/token",
				Fuzz.headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials&client_id=%01");
		oauthError(got, 400, 401);
	}

	@Test
	void aTokenFormOver64KilobytesIsAJsonAnswer() {
		Got got = send("POST", "/oauth2/token",
				Fuzz.headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials&pad=" + "A".repeat(70_000));
		assertThat(got.status()).as(got.describe()).isBetween(400, 499);
		assertThat(got.contentType()).as(got.describe()).contains("json");
	}

	@Test
	void aCreateRefusedForItsAcceptHeaderCreatesNothing() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Got got = send(
				"POST", "/iam/v1/accounts/" + account + "/users", Fuzz.headers("Authorization", "Bearer " + root,
						"Content-Type", "application/json", "Accept", "text/html"),
				"{\"name\":\"html-user\",\"password\":\"" + Tessera.PASSWORD + "\"}");
		org.tessera.support.Http.Response user = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/users/html-user", root);
		assertThat(got.status() == 201 || user.status() == 404)
			.as("refused with %s but the user exists: %s", got.describe(), user)
			.isTrue();
	}

}
