package org.tessera.oauth.jwtbearer;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.tessera.oauth.client.ServiceAccountAssertionVerifier;

/**
 * Authenticates a {@link JwtBearerAssertionRequest}: the assertion is verified as a
 * JWT-bearer grant ({@link JwtBearerGrantProvider#RULES}), and only then does the service
 * account it speaks for become the authenticated client of the request, as an
 * {@link AssertionAuthenticatedClient}. A {@code client_id} the request named must be
 * that service account. Every failure is the grant's one {@code invalid_grant}.
 */
public final class JwtBearerClientAuthenticationProvider implements AuthenticationProvider {

	private final RegisteredClientRepository clients;

	private final ServiceAccountAssertionVerifier assertions;

	public JwtBearerClientAuthenticationProvider(RegisteredClientRepository clients,
			ServiceAccountAssertionVerifier assertions) {
		this.clients = clients;
		this.assertions = assertions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		JwtBearerAssertionRequest request = (JwtBearerAssertionRequest) authentication;
		ServiceAccountAssertionVerifier.VerifiedAssertion verified = this.assertions
			.verifyUnauthenticated(request.assertion(), request.clientId(), JwtBearerGrantProvider.RULES);
		RegisteredClient client = this.clients.findByClientId(verified.clientId());
		if (client == null) {
			throw JwtBearerGrantProvider.refused(verified.clientId(), "the service account went away meanwhile");
		}
		return new AssertionAuthenticatedClient(client, request.assertion());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return JwtBearerAssertionRequest.class.isAssignableFrom(authentication);
	}

}
