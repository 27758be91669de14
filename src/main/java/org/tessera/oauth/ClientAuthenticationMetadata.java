package org.tessera.oauth;

import java.util.List;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * Discovery (RFC 8414 and OpenID Connect Discovery) lists the client authentication methods
 * Tessera really accepts, instead of every method Spring could support: secrets (basic, post),
 * {@code private_key_jwt} with ES256 or RS256, and {@code none} for the public client.
 */
final class ClientAuthenticationMetadata {

	private static final List<String> TOKEN_ENDPOINT_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(), ClientAuthenticationMethod.NONE.getValue());

	private static final String SIGNING_ALGORITHMS_CLAIM = "token_endpoint_auth_signing_alg_values_supported";

	private static final List<String> SIGNING_ALGORITHMS = List.of("ES256", "RS256");

	private ClientAuthenticationMetadata() {
	}

	static void describe(OAuth2AuthorizationServerMetadata.Builder metadata) {
		metadata.tokenEndpointAuthenticationMethods(ClientAuthenticationMetadata::tokenEndpoint)
			.tokenRevocationEndpointAuthenticationMethods(ClientAuthenticationMetadata::tokenEndpoint)
			.tokenIntrospectionEndpointAuthenticationMethods(ClientAuthenticationMetadata::introspection)
			.claim(SIGNING_ALGORITHMS_CLAIM, SIGNING_ALGORITHMS);
	}

	static void describe(OidcProviderConfiguration.Builder configuration) {
		configuration.tokenEndpointAuthenticationMethods(ClientAuthenticationMetadata::tokenEndpoint)
			.tokenRevocationEndpointAuthenticationMethods(ClientAuthenticationMetadata::tokenEndpoint)
			.tokenIntrospectionEndpointAuthenticationMethods(ClientAuthenticationMetadata::introspection)
			.claim(SIGNING_ALGORITHMS_CLAIM, SIGNING_ALGORITHMS);
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

}
