package org.tessera.oauth.jwtbearer;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.tessera.oauth.client.ServiceAccountAssertionVerifier;

/**
 * The JWT-bearer authorization grant (RFC 7523 section 2.1) for service accounts: a JWT
 * the service account signed with one of its keys buys the very token client credentials
 * would (same claims, policies and lifetime), as a Google Cloud key file does. The
 * assertion is checked by {@link ServiceAccountAssertionVerifier} under {@link #RULES}:
 * {@code kid} an enabled, unexpired key of the service account and {@code alg} its
 * algorithm, {@code iss} = {@code sub} = its client id, {@code aud} the issuer or the
 * token endpoint, {@code exp} required and at most an hour ahead (and at most an hour
 * after {@code iat} when that is present), {@code nbf} respected, {@code jti} required
 * and never accepted twice while the assertion lives (shared with
 * {@code private_key_jwt}).
 * <p>
 * Client authentication (RFC 7523 section 3.1) is not needed: without it the assertion
 * authenticated the client already ({@link AssertionAuthenticatedClient}). When the
 * request does authenticate a client (secret or {@code private_key_jwt}), that
 * authentication was verified as usual and the assertion must then be that same service
 * account's, else {@code invalid_grant}: one service account may not spend another's
 * assertion. Every refusal of the assertion is the same {@code invalid_grant}, whatever
 * failed (a bad signature, an unknown key, a disabled service account), and the operator
 * reads the failed step at DEBUG.
 */
public final class JwtBearerGrantProvider implements AuthenticationProvider {

	/** One hour ahead at most, and one refusal for every failure. */
	public static final ServiceAccountAssertionVerifier.Rules RULES = new ServiceAccountAssertionVerifier.Rules(
			"jwt-bearer grant", Duration.ofHours(1), true, new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The assertion is invalid, expired or not accepted", JwtBearerGrantConverter.ERROR_URI));

	private static final Logger LOG = LoggerFactory.getLogger(JwtBearerGrantProvider.class);

	private final ServiceAccountAssertionVerifier assertions;

	private final OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;

	public JwtBearerGrantProvider(ServiceAccountAssertionVerifier assertions,
			OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator) {
		this.assertions = assertions;
		this.tokenGenerator = tokenGenerator;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		JwtBearerGrantRequest request = (JwtBearerGrantRequest) authentication;
		// RFC 6749 section 3.2.1: the client, authenticated by its credentials or by the
		// assertion
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		RegisteredClient registeredClient = client.getRegisteredClient();
		// RFC 7523 section 3.1: verify the assertion, if the client authentication did
		// not
		if (client instanceof AssertionAuthenticatedClient byAssertion) {
			if (!byAssertion.assertion().equals(request.assertion())) {
				throw refused(registeredClient.getClientId(), "not the assertion the client was authenticated by");
			}
		}
		else {
			this.assertions.verify(registeredClient.getClientId(), request.assertion(), RULES);
		}
		// RFC 6749 section 5.2: the client must be allowed the grant
		if (!registeredClient.getAuthorizationGrantTypes().contains(JwtBearerGrantConverter.GRANT_TYPE)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		}
		return issue(client, registeredClient, request);
	}

	/** The service account's own token, exactly as client credentials would issue it. */
	private Authentication issue(OAuth2ClientAuthenticationToken client, RegisteredClient registeredClient,
			JwtBearerGrantRequest request) {
		DefaultOAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
			.registeredClient(registeredClient)
			.principal(client)
			.authorizationServerContext(AuthorizationServerContextHolder.getContext())
			.authorizedScopes(Set.of())
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(JwtBearerGrantConverter.GRANT_TYPE)
			.authorizationGrant(request)
			.build();
		OAuth2Token token = this.tokenGenerator.generate(context);
		if (token == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.getTokenValue(),
				token.getIssuedAt(), token.getExpiresAt());
		return new OAuth2AccessTokenAuthenticationToken(registeredClient, client, accessToken);
	}

	/** The grant's one refusal, the step at DEBUG. */
	static OAuth2AuthenticationException refused(String clientId, String reason) {
		LOG.debug("{} of client {} refused: {}", RULES.use(), clientId, reason);
		return new OAuth2AuthenticationException(RULES.refusal());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return JwtBearerGrantRequest.class.isAssignableFrom(authentication);
	}

}
