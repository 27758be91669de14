package org.tessera.oauth.client;

import java.util.Map;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A public client naming itself by {@code client_id} for token exchange or revocation. A
 * type of its own so that only {@link PublicClientExchangeAuthenticationProvider} accepts
 * it: the same client_id alone never authenticates any other request.
 */
public final class PublicClientAuthenticationRequest extends OAuth2ClientAuthenticationToken {

	public PublicClientAuthenticationRequest(String clientId, Map<String, Object> additionalParameters) {
		super(clientId, ClientAuthenticationMethod.NONE, null, additionalParameters);
	}

}
