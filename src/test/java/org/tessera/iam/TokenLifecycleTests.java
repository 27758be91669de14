package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.path;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Discovery, introspection (RFC 7662) and revocation (RFC 7009) of the tokens this server
 * issues.
 */
class TokenLifecycleTests extends IntegrationTest {

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private Http http() {
		return this.tessera.http();
	}

	@Test
	void bothDiscoveryDocumentsListTheEndpointsGrantsAndClientAuthenticationMethods() {
		for (String document : List.of("/.well-known/oauth-authorization-server",
				"/.well-known/openid-configuration")) {
			Http.Response response = http().get(document, null);

			assertThat(response.status()).as(document + " -> " + response).isEqualTo(200);
			JsonNode metadata = response.json();
			assertThat(metadata.get("issuer").asString()).as(document).isEqualTo(issuer());
			assertThat(metadata.path("token_endpoint").asString(null)).as(document)
				.isEqualTo(issuer() + "/oauth2/token");
			assertThat(metadata.path("jwks_uri").asString(null)).as(document).startsWith(issuer() + "/");
			assertThat(metadata.path("introspection_endpoint").asString(null)).as(document)
				.isEqualTo(issuer() + "/oauth2/introspect");
			assertThat(metadata.path("revocation_endpoint").asString(null)).as(document)
				.isEqualTo(issuer() + "/oauth2/revoke");
			assertThat(Iam.strings(metadata.path("grant_types_supported"))).as(document)
				.contains("client_credentials", "authorization_code", TOKEN_EXCHANGE);
			assertThat(Iam.strings(metadata.path("token_endpoint_auth_methods_supported"))).as(document)
				.contains("client_secret_basic", "client_secret_post");
		}
		String jwksUri = http().get("/.well-known/oauth-authorization-server", null).json().get("jwks_uri").asString();
		Http.Response jwks = http().get(jwksUri.substring(issuer().length()), null);
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.json().get("keys")).isNotEmpty();
	}

	@Test
	void aFreshServiceAccountTokenIntrospectsActiveWithItsIdentity() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"introspected", List.of(), List.of("vServerReadOnlyAccess"));
		String token = this.tessera.serviceAccountToken(sa);

		JsonNode introspection = introspect(token, sa);

		assertThat(introspection.get("active").asBoolean()).as(introspection.toString()).isTrue();
		assertThat(introspection.get("sub").asString()).isEqualTo(sa.crn());
		assertThat(introspection.get("client_id").asString()).isEqualTo(sa.id());
		assertThat(introspection.get("acct").asString()).isEqualTo(account);
		assertThat(introspection.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond())
			.isEqualTo(Tessera.claims(token).get("exp").asLong());
	}

	@Test
	void aPersonsTokenIntrospectsActiveToo() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials resourceServer = this.tessera.createServiceAccount(account, root, "checker",
				List.of(), List.of());

		JsonNode introspection = introspect(root, resourceServer);

		assertThat(introspection.get("active").asBoolean()).as(introspection.toString()).isTrue();
		assertThat(introspection.get("sub").asString()).isEqualTo("crn:iam:" + account + ":root");
		assertThat(introspection.get("client_id").asString()).isEqualTo("tessera-cli");
		assertThat(introspection.get("acct").asString()).isEqualTo(account);
		assertThat(introspection.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
	}

	@Test
	void aRevokedTokenIntrospectsInactiveAndIsRefusedByTheManagementApi() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"revoker", List.of(), List.of("IAMReadOnlyAccess"));
		String token = this.tessera.serviceAccountToken(sa);
		assertThat(http().get(path(account, "/service-accounts"), token).status()).isEqualTo(200);

		Http.Response revoke = http().form("/oauth2/revoke", Http.fields("token", token), sa.id(), sa.secret());

		assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
		Http.Response introspection = http().form("/oauth2/introspect", Http.fields("token", token), sa.id(),
				sa.secret());
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.json().toString()).isEqualTo("{\"active\":false}");
		Http.Response refused = http().get(path(account, "/service-accounts"), token);
		Iam.problem(refused, 401);
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
		String fresh = this.tessera.serviceAccountToken(sa);
		assertThat(http().get(path(account, "/service-accounts"), fresh).status())
			.as("revoking one token leaves the client's other tokens alone")
			.isEqualTo(200);
	}

	@Test
	void aPersonRevokesItsOwnTokenThroughThePublicCliClient() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		assertThat(http().get(path(account, "/users"), root).status()).isEqualTo(200);

		Http.Response revoke = http().form("/oauth2/revoke",
				Http.fields("token", root, "token_type_hint", "access_token", "client_id", "tessera-cli"));

		assertThat(revoke.status()).as("SPEC 5: revocation works for every token issued; " + revoke).isEqualTo(200);
		Iam.problem(http().get(path(account, "/users"), root), 401);
	}

	@Test
	void garbageIntrospectsInactive() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"checker", List.of(), List.of());

		for (String garbage : List.of("garbage", "a.b.c",
				"eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJjcm46aWFtOjE6cm9vdCJ9.")) {
			Http.Response response = http().form("/oauth2/introspect", Http.fields("token", garbage), sa.id(),
					sa.secret());
			assertThat(response.status()).as(garbage + " -> " + response).isEqualTo(200);
			assertThat(response.json().toString()).as(garbage).isEqualTo("{\"active\":false}");
		}
	}

	@Test
	void aClientCannotRevokeAnotherClientsToken() {
		String account = this.tessera.signUp();
		String other = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials owner = this.tessera.createServiceAccount(account, root, "owner", List.of(),
				List.of("IAMReadOnlyAccess"));
		ServiceAccountCredentials neighbour = this.tessera.createServiceAccount(account, root, "neighbour", List.of(),
				List.of());
		ServiceAccountCredentials stranger = this.tessera.createServiceAccount(other, this.tessera.loginRoot(other),
				"stranger", List.of(), List.of());
		String token = this.tessera.serviceAccountToken(owner);

		for (ServiceAccountCredentials attacker : List.of(neighbour, stranger)) {
			Http.Response revoke = http().form("/oauth2/revoke", Http.fields("token", token), attacker.id(),
					attacker.secret());

			assertThat(revoke.status()).as(revoke.toString()).isEqualTo(401);
			assertThat(revoke.json().get("error").asString()).isEqualTo("invalid_client");
		}
		assertThat(introspect(token, owner).get("active").asBoolean()).isTrue();
		assertThat(http().get(path(account, "/service-accounts"), token).status()).isEqualTo(200);
	}

	@Test
	void introspectionAndRevocationNeedClientAuthentication() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"quiet", List.of(), List.of("IAMReadOnlyAccess"));
		String token = this.tessera.serviceAccountToken(sa);

		Http.Response anonymous = http().form("/oauth2/introspect", Http.fields("token", token));
		Http.Response wrongSecret = http().form("/oauth2/introspect", Http.fields("token", token), sa.id(),
				sa.secret() + "x");
		Http.Response anonymousRevoke = http().form("/oauth2/revoke", Http.fields("token", token));

		for (Http.Response response : List.of(anonymous, wrongSecret, anonymousRevoke)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("\"active\"").doesNotContain(sa.crn());
		}
		assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
		assertThat(http().get(path(account, "/service-accounts"), token).status())
			.as("an unauthenticated revocation did nothing")
			.isEqualTo(200);
	}

	private JsonNode introspect(String token, ServiceAccountCredentials client) {
		Http.Response response = http().form("/oauth2/introspect", Http.fields("token", token), client.id(),
				client.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

}
