package org.tessera.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountKey;

import tools.jackson.databind.JsonNode;

/**
 * SPEC section 5: both discovery documents list exactly what Tessera does, and each
 * grant, client authentication method and endpoint they advertise really works; what
 * cannot work (refresh tokens, UserInfo, logout, certificate- or DPoP-bound tokens) is
 * neither listed nor answered as if it existed.
 */
class DiscoveryTests extends IntegrationTest {

	private static final String OAUTH = "/.well-known/oauth-authorization-server";

	private static final String OPENID = "/.well-known/openid-configuration";

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final List<String> COMMON_MEMBERS = List.of("issuer", "authorization_endpoint", "token_endpoint",
			"token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported", "jwks_uri",
			"response_types_supported", "grant_types_supported", "revocation_endpoint",
			"revocation_endpoint_auth_methods_supported", "revocation_endpoint_auth_signing_alg_values_supported",
			"introspection_endpoint", "introspection_endpoint_auth_methods_supported",
			"introspection_endpoint_auth_signing_alg_values_supported", "code_challenge_methods_supported",
			"scopes_supported", "authorization_response_iss_parameter_supported", "tessera_resources_supported");

	private static final List<String> OPENID_MEMBERS = List.of("subject_types_supported",
			"id_token_signing_alg_values_supported");

	private static final String REDIRECT = "http://127.0.0.1:53682/callback";

	private Tessera.Walkthrough world;

	private ServiceAccountKey key;

	@BeforeEach
	void theWalkthroughWorldWithAKey() {
		this.world = this.tessera.walkthrough();
		this.key = this.tessera.uploadKey(this.world.accountB(), this.world.rootB(), this.world.saOfB().id());
	}

	@ParameterizedTest
	@ValueSource(strings = { OAUTH, OPENID })
	void bothDocumentsListExactlyWhatWorks(String document) {
		JsonNode metadata = metadata(document);

		List<String> members = new ArrayList<>(COMMON_MEMBERS);
		if (OPENID.equals(document)) {
			members.addAll(OPENID_MEMBERS);
		}
		assertThat(names(metadata)).containsExactlyInAnyOrderElementsOf(members);
		assertThat(strings(metadata, "grant_types_supported")).containsExactly("authorization_code",
				"client_credentials", TOKEN_EXCHANGE, JWT_BEARER);
		assertThat(strings(metadata, "token_endpoint_auth_methods_supported")).containsExactly("client_secret_basic",
				"client_secret_post", "private_key_jwt", "none");
		assertThat(strings(metadata, "revocation_endpoint_auth_methods_supported"))
			.containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
		assertThat(strings(metadata, "introspection_endpoint_auth_methods_supported"))
			.containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt");
		for (String endpoint : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint")) {
			assertThat(strings(metadata, endpoint + "_auth_signing_alg_values_supported")).as(endpoint)
				.containsExactly("ES256", "RS256", "PS256");
		}
		assertThat(strings(metadata, "scopes_supported")).containsExactly("openid");
		assertThat(metadata.get("authorization_response_iss_parameter_supported").isBoolean()).isTrue();
		assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
		assertThat(strings(metadata, "response_types_supported")).containsExactly("code");
		assertThat(strings(metadata, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(metadata.get("issuer").asString()).isEqualTo(issuer());
		assertThat(metadata.get("authorization_endpoint").asString()).isEqualTo(issuer() + "/oauth2/authorize");
		assertThat(metadata.get("token_endpoint").asString()).isEqualTo(issuer() + "/oauth2/token");
		assertThat(metadata.get("jwks_uri").asString()).isEqualTo(issuer() + "/oauth2/jwks");
		assertThat(metadata.get("introspection_endpoint").asString()).isEqualTo(issuer() + "/oauth2/introspect");
		assertThat(metadata.get("revocation_endpoint").asString()).isEqualTo(issuer() + "/oauth2/revoke");
		if (OPENID.equals(document)) {
			assertThat(strings(metadata, "subject_types_supported")).containsExactly("public");
			assertThat(strings(metadata, "id_token_signing_alg_values_supported")).containsExactly("ES256");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { OAUTH, OPENID })
	void everyAdvertisedGrantIssuesATokenAtTheAdvertisedTokenEndpoint(String document) {
		JsonNode metadata = metadata(document);
		String tokenEndpoint = path(metadata, "token_endpoint");
		assertThat(tokenEndpoint).as("the endpoint the login and exchange helpers post to").isEqualTo("/oauth2/token");

		for (String grant : strings(metadata, "grant_types_supported")) {
			Http.Response response = switch (grant) {
				case "client_credentials" -> http().form(tokenEndpoint, Http.fields("grant_type", grant),
						this.world.saOfB().id(), this.world.saOfB().secret());
				case "authorization_code" ->
					this.tessera.openIdLogin(this.world.accountA(), "System1", Tessera.PASSWORD);
				case TOKEN_EXCHANGE -> this.tessera.impersonate(this.world.saOfB().id(), system1());
				case JWT_BEARER -> http().form(tokenEndpoint,
						Http.fields("grant_type", grant, "assertion", this.key.assertion(issuer())));
				default -> throw new AssertionError("no way to try the advertised grant " + grant);
			};
			assertThat(response.status()).as(grant + ": " + response).isEqualTo(200);
			assertThat(response.json().has("access_token")).as(grant).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { OAUTH, OPENID })
	void everyAdvertisedClientAuthenticationMethodWorksAtEachEndpointThatListsIt(String document) {
		JsonNode metadata = metadata(document);

		for (String method : strings(metadata, "token_endpoint_auth_methods_supported")) {
			Http.Response response = http().form(path(metadata, "token_endpoint"), tokenRequest(method),
					basicUser(method), basicPassword(method));
			assertThat(response.status()).as("token endpoint, " + method + ": " + response).isEqualTo(200);
		}
		String impersonated = Tessera.accessToken(this.tessera.impersonate(this.world.saOfB().id(), system1()));
		for (String method : strings(metadata, "introspection_endpoint_auth_methods_supported")) {
			Http.Response response = http().form(path(metadata, "introspection_endpoint"),
					authenticated(method, Http.fields("token", impersonated)), basicUser(method),
					basicPassword(method));
			assertThat(response.status()).as("introspection, " + method + ": " + response).isEqualTo(200);
			assertThat(response.json().get("active").asBoolean()).as("introspection, " + method).isTrue();
		}
		for (String method : strings(metadata, "revocation_endpoint_auth_methods_supported")) {
			String token = "none".equals(method) ? system1() : this.tessera.serviceAccountToken(this.world.saOfB());
			Http.Response response = http().form(path(metadata, "revocation_endpoint"),
					authenticated(method, Http.fields("token", token)), basicUser(method), basicPassword(method));
			assertThat(response.status()).as("revocation, " + method + ": " + response).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { OAUTH, OPENID })
	void theAdvertisedKeysVerifyAndTheAdvertisedAuthorizationEndpointStartsALogin(String document) throws Exception {
		JsonNode metadata = metadata(document);
		SignedJWT token = SignedJWT.parse(this.tessera.serviceAccountToken(this.world.saOfB()));

		Http.Response keys = http().get(path(metadata, "jwks_uri"), null);
		Http.Response authorize = http().browse(metadata.get("authorization_endpoint").asString()
				+ "?response_type=code&client_id=tessera-cli&redirect_uri=http://127.0.0.1:53682/callback"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s1");

		assertThat(keys.status()).isEqualTo(200);
		JWK key = JWKSet.parse(keys.body()).getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).as("the published key of the token's kid").isNotNull();
		assertThat(token.verify(new ECDSAVerifier(key.toECKey()))).as("the token verifies with it").isTrue();
		assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
		assertThat(authorize.header("Location")).endsWith("/login");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "&scope=openid&nonce=n1" })
	void theAuthorizationResponseNamesTheIssuer(String scope) {
		Http browser = new Http(issuer());
		assertThat(this.tessera.authorizationCode(browser, this.world.accountA(), "System1", Tessera.PASSWORD))
			.isNotNull();

		Http.Response response = browser.browse("/oauth2/authorize?response_type=code&client_id=tessera-cli"
				+ "&redirect_uri=" + REDIRECT + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
				+ "&code_challenge_method=S256&state=s1" + scope);

		assertThat(response.status()).as(response.toString()).isEqualTo(302);
		String location = response.header("Location");
		assertThat(location).startsWith(REDIRECT + "?code=").contains("&state=s1");
		assertThat(queryParameter(location, "iss")).as("RFC 9207 iss of " + location).isEqualTo(issuer());
	}

	@Test
	void anErrorSentToTheClientNamesTheIssuerToo() {
		Http.Response response = http().browse("/oauth2/authorize?response_type=code&client_id=tessera-cli"
				+ "&redirect_uri=" + REDIRECT + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
				+ "&code_challenge_method=S256&state=s1&scope=no-such-scope");

		assertThat(response.status()).as(response.toString()).isEqualTo(302);
		String location = response.header("Location");
		assertThat(location).startsWith(REDIRECT + "?error=invalid_scope").contains("&state=s1");
		assertThat(queryParameter(location, "iss")).as("RFC 9207 iss of " + location).isEqualTo(issuer());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/userinfo", "/connect/logout" })
	void theOpenIdEndpointsThatCannotWorkDoNotExist(String path) {
		String idToken = this.tessera.openIdLogin(this.world.accountA(), "System1", Tessera.PASSWORD)
			.json()
			.get("id_token")
			.asString();

		Http.Response get = http().get(path + "?id_token_hint=" + idToken, system1());
		Http.Response post = http().form(path, Http.fields("id_token_hint", idToken));

		for (Http.Response response : List.of(get, post)) {
			assertThat(response.status()).as(path + " " + response).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("status").asInt()).isEqualTo(404);
		}
	}

	private Map<String, String> tokenRequest(String method) {
		if ("none".equals(method)) {
			return Http.fields("grant_type", TOKEN_EXCHANGE, "client_id", "tessera-cli", "subject_token",
					this.world.saOfB().id(), "subject_token_type",
					"urn:tessera:params:oauth:token-type:service_account", "actor_token", system1(), "actor_token_type",
					"urn:ietf:params:oauth:token-type:access_token");
		}
		return authenticated(method, Http.fields("grant_type", "client_credentials"));
	}

	/**
	 * The request's fields with those the client authentication method puts in the form.
	 */
	private Map<String, String> authenticated(String method, Map<String, String> fields) {
		switch (method) {
			case "client_secret_basic" -> {
			}
			case "client_secret_post" -> {
				fields.put("client_id", this.world.saOfB().id());
				fields.put("client_secret", this.world.saOfB().secret());
			}
			case "private_key_jwt" -> fields.putAll(this.key.authentication(issuer()));
			case "none" -> fields.put("client_id", "tessera-cli");
			default -> throw new AssertionError("no way to try the advertised method " + method);
		}
		return fields;
	}

	private String basicUser(String method) {
		return "client_secret_basic".equals(method) ? this.world.saOfB().id() : null;
	}

	private String basicPassword(String method) {
		return "client_secret_basic".equals(method) ? this.world.saOfB().secret() : null;
	}

	private String system1() {
		return this.tessera.login(this.world.accountA(), "System1", Tessera.PASSWORD);
	}

	private JsonNode metadata(String document) {
		Http.Response response = http().get(document, null);
		assertThat(response.status()).as(document + " -> " + response).isEqualTo(200);
		return response.json();
	}

	/** The advertised URL of an endpoint, as a path of this server. */
	private static String path(JsonNode metadata, String member) {
		String url = metadata.get(member).asString();
		assertThat(url).startsWith(issuer() + "/");
		return url.substring(issuer().length());
	}

	/**
	 * The decoded value of the one query parameter {@code name} of {@code url}, or null.
	 */
	private static String queryParameter(String url, String name) {
		List<String> values = new ArrayList<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts[0].equals(name)) {
				values.add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		assertThat(values).as(name + " in " + url).hasSizeLessThanOrEqualTo(1);
		return values.isEmpty() ? null : values.get(0);
	}

	private static List<String> names(JsonNode metadata) {
		List<String> names = new ArrayList<>();
		metadata.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> strings(JsonNode metadata, String member) {
		List<String> values = new ArrayList<>();
		metadata.path(member).forEach((value) -> values.add(value.asString()));
		return values;
	}

	private Http http() {
		return this.tessera.http();
	}

}
