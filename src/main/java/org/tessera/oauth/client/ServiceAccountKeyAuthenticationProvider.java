package org.tessera.oauth.client;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * {@code private_key_jwt} (RFC 7523 section 2.2, OpenID Connect Core section 9) for
 * service accounts, with the keys of their key list (as Yandex Cloud's authorized keys):
 * the assertion's header {@code kid} names an enabled, unexpired key of the client and
 * {@code alg} is its algorithm (ES256, RS256 or PS256), {@code iss} and {@code sub} are
 * its saId, {@code aud} is the issuer (or its token endpoint), {@code exp} at most five
 * minutes ahead, and a {@code jti} is never accepted twice
 * ({@link ServiceAccountAssertionVerifier}). Spring's provider would need a JWK set URL
 * per client. Every failure is the same {@code invalid_client}; failures are throttled by
 * source in front of the endpoint, never by client id.
 */
public final class ServiceAccountKeyAuthenticationProvider implements AuthenticationProvider {

	/** The method Spring's assertion converter labels its requests with. */
	static final ClientAuthenticationMethod JWT_BEARER = new ClientAuthenticationMethod(
			"urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	/**
	 * A client assertion lives at most five minutes, and naming the failed check would
	 * tell a caller whether a service account exists, is enabled or has keys (which the
	 * token endpoint never tells).
	 */
	static final ServiceAccountAssertionVerifier.Rules RULES = new ServiceAccountAssertionVerifier.Rules(
			"private_key_jwt", Duration.ofMinutes(5), false,
			new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", ERROR_URI));

	private final RegisteredClientRepository clients;

	private final ServiceAccountAssertionVerifier assertions;

	public ServiceAccountKeyAuthenticationProvider(RegisteredClientRepository clients,
			ServiceAccountAssertionVerifier assertions) {
		this.clients = clients;
		this.assertions = assertions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!JWT_BEARER.equals(request.getClientAuthenticationMethod())) {
			return null;
		}
		String clientId = request.getPrincipal().toString();
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null
				|| !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
				|| !(request.getCredentials() instanceof String assertion)) {
			throw ServiceAccountAssertionVerifier.refused(RULES, clientId, "no such client with keys, or no assertion");
		}
		this.assertions.verify(clientId, assertion, RULES);
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.PRIVATE_KEY_JWT, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
