package org.tessera.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

class ClientCredentialsTests extends IntegrationTest {

	@Test
	void aServiceAccountGetsAnRfc9068TokenCarryingItsIdentityAndPolicies() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createPolicy(account, root, "ReadServers", "Allow", List.of("vserver:GetServer"),
				List.of("crn:vserver:" + account + ":server/*"));
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "builder", List.of(),
				List.of("vServerReadOnlyAccess", "ReadServers"));

		Http.Response response = this.tessera.clientCredentials(sa.id(), sa.secret());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
		assertThat(response.json().has("refresh_token")).isFalse();
		String token = response.json().get("access_token").asString();
		assertThat(Tessera.header(token).get("typ").asString()).isEqualTo("at+jwt");
		assertThat(Tessera.header(token).get("alg").asString()).isEqualTo("ES256");
		JsonNode claims = Tessera.claims(token);
		assertThat(claims.get("sub").asString()).isEqualTo("crn:iam:" + account + ":service-account/" + sa.id());
		assertThat(claims.get("acct").asString()).isEqualTo(account);
		assertThat(claims.get("client_id").asString()).isEqualTo(sa.id());
		assertThat(claims.get("iss").asString()).isEqualTo(issuer());
		assertThat(claims.get("aud").toString()).contains("tessera");
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
		assertThat(claims.get("perms").toString()).contains("vserver:Get*", "vserver:List*", "vserver:GetServer",
				"crn:vserver:" + account + ":server/*");
	}

	@Test
	void everyTokenHasItsOwnShortIdAndNoClaimItDoesNotNeed() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"compact", List.of(), List.of());

		String first = this.tessera.serviceAccountToken(sa);
		String second = this.tessera.serviceAccountToken(sa);

		assertThat(Tessera.claims(first).get("jti").asString()).matches("[A-Za-z0-9_-]{22}")
			.isNotEqualTo(Tessera.claims(second).get("jti").asString());
		assertThat(Tessera.header(first).get("kid").asString()).matches("[A-Za-z0-9_-]{12}");
		assertThat(Tessera.claims(first).has("nbf")).isFalse();
	}

	@Test
	void aServiceAccountWhosePoliciesWouldOverfillATokenCannotBeMadeAndTheOneThatFitsGetsTokens() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		for (String name : List.of("WideA", "WideB")) {
			List<String> servers = IntStream.range(0, 50)
				.mapToObj((i) -> "crn:vserver:" + account + ":server/" + name + "-" + i + "-" + "x".repeat(380))
				.toList();
			this.tessera.createPolicy(account, root, name, "Allow", List.of("vserver:GetServer"), servers);
		}
		ServiceAccountCredentials wide = this.tessera.createServiceAccount(account, root, "wide", List.of(),
				List.of("WideA"));
		Http.Response tooWide = this.tessera.http()
			.post("/iam/v1/accounts/" + account + "/service-accounts", root,
					java.util.Map.of("name", "too-wide", "policies", List.of("WideA", "WideB")));

		Http.Response fits = this.tessera.clientCredentials(wide.id(), wide.secret());

		assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
		assertThat(tooWide.status()).as(tooWide.toString()).isEqualTo(400);
		assertThat(tooWide.json().get("detail").asString()).contains("more than 32768");
	}

	@Test
	void theTokenVerifiesAgainstTheJwksUriWithAStandardLibrary() throws Exception {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"verifier", List.of(), List.of());
		String token = this.tessera.serviceAccountToken(sa);

		String jwksUri = this.tessera.http()
			.get("/.well-known/oauth-authorization-server", null)
			.json()
			.get("jwks_uri")
			.asString();
		JWKSet keys = JWKSet.load(URI.create(jwksUri).toURL());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
		JWTClaimsSet claims = processor.process(token, null);

		assertThat(claims.getSubject()).endsWith(sa.id());
		assertThat(keys.getKeys()).allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());
	}

	@Test
	void clientSecretPostWorksAsWellAsBasic() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"poster", List.of(), List.of());

		Http.Response response = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials", "client_id", sa.id(),
					"client_secret", sa.secret()));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void aWrongSecretOrUnknownClientIsInvalidClientInRfc6749Json() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"guarded", List.of(), List.of());

		Http.Response wrongSecret = this.tessera.clientCredentials(sa.id(), sa.secret() + "x");
		Http.Response unknown = this.tessera.clientCredentials("sa-doesnotexist", sa.secret());

		for (Http.Response response : List.of(wrongSecret, unknown)) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.contentType()).contains("application/json");
			assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
		}
	}

	@Test
	void aServiceAccountCannotUseTheAuthorizationCodeGrantOrAskForScopes() {
		String account = this.tessera.signUp();
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, this.tessera.loginRoot(account),
				"narrow", List.of(), List.of());

		Http.Response code = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "authorization_code", "code", "x", "redirect_uri",
					"http://127.0.0.1/callback"), sa.id(), sa.secret());
		Http.Response scope = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials", "scope", "admin"), sa.id(),
					sa.secret());
		Http.Response unsupported = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "password"), sa.id(), sa.secret());

		assertThat(code.status()).isEqualTo(400);
		assertThat(code.json().get("error").asString()).isIn("unauthorized_client", "invalid_grant");
		assertThat(scope.json().get("error").asString()).isEqualTo("invalid_scope");
		assertThat(unsupported.json().get("error").asString()).isEqualTo("unsupported_grant_type");
	}

}
