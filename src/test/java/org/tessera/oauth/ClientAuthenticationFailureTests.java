package org.tessera.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * RFC 6749 section 5.2 and SPEC section 6: a failed client authentication is one and the same
 * 401 {@code invalid_client}, with the HTTP Basic challenge, whatever failed, so that it tells
 * nobody whether a service account exists, is enabled, or has keys.
 */
class ClientAuthenticationFailureTests extends IntegrationTest {

	private String account;

	private String root;

	@BeforeEach
	void anAccount() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
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

}
