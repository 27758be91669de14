package org.tessera.oauth;

import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderMetadataClaimNames;
import org.tessera.oauth.key.SigningAlgorithm;

/**
 * Discovery (RFC 8414 and OpenID Connect Discovery) says what Tessera really does,
 * instead of Spring's defaults: the grants it issues tokens for (the JWT-bearer grant
 * included, no refresh tokens), the client authentication methods each endpoint accepts
 * (secrets, basic or post, {@code private_key_jwt} with ES256, RS256 or PS256, and
 * {@code none} for the public client, never at introspection), the algorithm ID tokens
 * are signed with (the server's signing algorithm, not always RS256), the one scope there
 * is ({@code openid}, for people's logins), and that authorization responses carry RFC
 * 9207's {@code iss} ({@link AuthorizationResponseHandler}). Nothing Tessera does not do
 * is advertised: tokens are never bound to a certificate or a DPoP key, and the UserInfo
 * and logout endpoints are switched off ({@link AbsentEndpointFilter}).
 */
final class DiscoveryMetadata {

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
			AuthorizationGrantType.JWT_BEARER.getValue());

	private static final List<String> TOKEN_ENDPOINT_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(), ClientAuthenticationMethod.NONE.getValue());

	/**
	 * Where {@code private_key_jwt} is accepted, the algorithms of its client assertions.
	 */
	private static final List<String> SIGNING_ALGORITHMS_CLAIMS = List.of(
			"token_endpoint_auth_signing_alg_values_supported",
			"introspection_endpoint_auth_signing_alg_values_supported",
			"revocation_endpoint_auth_signing_alg_values_supported");

	private static final List<String> SIGNING_ALGORITHMS = List.of("ES256", "RS256", "PS256");

	/**
	 * Service accounts have no scopes (their policies say what a token may do); people's
	 * logins may ask for an ID token.
	 */
	private static final List<String> SCOPES = List.of(OidcScopes.OPENID);

	private static final String ISSUER_PARAMETER_CLAIM = "authorization_response_iss_parameter_supported";

	/** What Spring advertises and Tessera does not do. */
	private static final List<String> UNSUPPORTED_CLAIMS = List.of(
			OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS,
			OAuth2AuthorizationServerMetadataClaimNames.DPOP_SIGNING_ALG_VALUES_SUPPORTED,
			OidcProviderMetadataClaimNames.USER_INFO_ENDPOINT, OidcProviderMetadataClaimNames.END_SESSION_ENDPOINT);

	/**
	 * The resource servers a token may be asked for with RFC 8707's {@code resource}; RFC
	 * 8414 has no member for them, so this one is Tessera's own.
	 */
	static final String RESOURCES_CLAIM = "tessera_resources_supported";

	private final SigningAlgorithm signing;

	private final List<String> resources;

	DiscoveryMetadata(SigningAlgorithm signing, java.util.Collection<String> resources) {
		this.signing = signing;
		this.resources = resources.stream().sorted().toList();
	}

	void describe(OAuth2AuthorizationServerMetadata.Builder metadata) {
		metadata.grantTypes(DiscoveryMetadata::grantTypes)
			.tokenEndpointAuthenticationMethods(DiscoveryMetadata::tokenEndpoint)
			.tokenRevocationEndpointAuthenticationMethods(DiscoveryMetadata::tokenEndpoint)
			.tokenIntrospectionEndpointAuthenticationMethods(DiscoveryMetadata::introspection)
			.claims(DiscoveryMetadata::supported)
			.claim(RESOURCES_CLAIM, this.resources)
			.claims(DiscoveryMetadata::withoutUnsupported);
	}

	void describe(OidcProviderConfiguration.Builder configuration) {
		configuration.grantTypes(DiscoveryMetadata::grantTypes)
			.tokenEndpointAuthenticationMethods(DiscoveryMetadata::tokenEndpoint)
			.tokenRevocationEndpointAuthenticationMethods(DiscoveryMetadata::tokenEndpoint)
			.tokenIntrospectionEndpointAuthenticationMethods(DiscoveryMetadata::introspection)
			.idTokenSigningAlgorithms((algorithms) -> {
				algorithms.clear();
				algorithms.add(this.signing.getName());
			})
			.claims(DiscoveryMetadata::supported)
			.claim(RESOURCES_CLAIM, this.resources)
			.claims(DiscoveryMetadata::withoutUnsupported);
	}

	private static void grantTypes(List<String> grantTypes) {
		grantTypes.clear();
		grantTypes.addAll(GRANT_TYPES);
	}

	private static void tokenEndpoint(List<String> methods) {
		methods.clear();
		methods.addAll(TOKEN_ENDPOINT_METHODS);
	}

	/** Introspection is for resource servers: the public client cannot introspect. */
	private static void introspection(List<String> methods) {
		methods.clear();
		methods.addAll(TOKEN_ENDPOINT_METHODS.subList(0, 3));
	}

	private static void supported(Map<String, Object> claims) {
		SIGNING_ALGORITHMS_CLAIMS.forEach((claim) -> claims.put(claim, SIGNING_ALGORITHMS));
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, SCOPES);
		claims.put(ISSUER_PARAMETER_CLAIM, true);
	}

	private static void withoutUnsupported(Map<String, Object> claims) {
		UNSUPPORTED_CLAIMS.forEach(claims::remove);
	}

}
