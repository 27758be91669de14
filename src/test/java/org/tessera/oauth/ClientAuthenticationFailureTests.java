package org.tessera.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.Tessera.ServiceAccountKey;

/**
 * RFC 6749 section 5.2 and SPEC section 6: a failed client authentication is one and the
 * same 401 {@code invalid_client}, with the HTTP Basic challenge, whatever failed, so
 * that it tells nobody whether a service account exists, is enabled, or has keys.
 */
class ClientAuthenticationFailureTests extends IntegrationTest {

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private String account;

	private String root;

	@BeforeEach
	void anAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
	}

	@Test
	void everyRefusedClientAssertionGetsTheSameAnswerWhateverStateTheServiceAccountIsIn() {
		ServiceAccountKey active = keyOf(serviceAccount("active"));
		ServiceAccountKey disabled = keyOf(serviceAccount("disabled"));
		ServiceAccountKey deleted = keyOf(serviceAccount("deleted"));
		manage(disabled.saId(), "POST", "/disable");
		manage(deleted.saId(), "DELETE", "");
		String replayed = active.assertion(issuer());
		assertThat(assertionLogin(active.saId(), replayed).status()).isEqualTo(200);

		List<Http.Response> refusals = List.of(assertionLogin(active.saId(), "not-a-jwt"),
				assertionLogin(active.saId(), active.assertion("https://elsewhere.example")),
				assertionLogin(active.saId(), replayed), assertionLogin(active.saId(), disabled.assertion(issuer())),
				assertionLogin(disabled.saId(), disabled.assertion(issuer())),
				assertionLogin(deleted.saId(), deleted.assertion(issuer())),
				assertionLogin("sa-does-not-exist", "not-a-jwt"));

		for (Http.Response refused : refusals) {
			assertInvalidClient(refused);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke" })
	void aWrongBasicSecretIsChallengedAtEveryEndpoint(String endpoint) {
		ServiceAccountCredentials sa = serviceAccount("basic");

		Http.Response response = this.tessera.http()
			.form(endpoint, Http.fields("grant_type", "client_credentials", "token", "x"), sa.id(), "wrong-secret");

		assertInvalidClient(response);
	}

	private static void assertInvalidClient(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"tessera\"");
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
		assertThat(response.json().get("error_description").asString()).isEqualTo("Client authentication failed");
	}

	private ServiceAccountCredentials serviceAccount(String name) {
		return this.tessera.createServiceAccount(this.account, this.root, name, List.of(), List.of());
	}

	private ServiceAccountKey keyOf(ServiceAccountCredentials sa) {
		return this.tessera.uploadKey(this.account, this.root, sa.id());
	}

	private void manage(String saId, String method, String suffix) {
		String path = "/iam/v1/accounts/" + this.account + "/service-accounts/" + saId + suffix;
		Http.Response response = "DELETE".equals(method) ? this.tessera.http().delete(path, this.root)
				: this.tessera.http().post(path, this.root, "");
		assertThat(response.status()).as(response.toString()).isBetween(200, 204);
	}

	private Http.Response assertionLogin(String clientId, String assertion) {
		Map<String, String> fields = Http.fields("grant_type", "client_credentials", "client_id", clientId,
				"client_assertion_type", JWT_BEARER, "client_assertion", assertion);
		return this.tessera.http().form("/oauth2/token", fields);
	}

}
