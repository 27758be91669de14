package org.tessera.oauth.client;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets a public client identify itself by {@code client_id} alone on the two requests where
 * people need it without PKCE: token exchange (impersonation with their own access token as
 * actor) and revocation of their own tokens (RFC 7009 section 2.1 allows public clients).
 * Spring's own public-client converter covers only PKCE authorization-code requests. Any other
 * request, or one carrying real client credentials, is left to the other converters.
 */
public final class PublicClientExchangeAuthenticationConverter implements AuthenticationConverter {

	private final String revocationEndpoint;

	public PublicClientExchangeAuthenticationConverter(String revocationEndpoint) {
		this.revocationEndpoint = revocationEndpoint;
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		boolean exchange = AuthorizationGrantType.TOKEN_EXCHANGE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
		boolean revocation = request.getRequestURI().endsWith(this.revocationEndpoint);
		if (!exchange && !revocation) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null || clientIds.length != 1 || clientIds[0].isEmpty()
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		return new PublicClientAuthenticationRequest(clientIds[0], Map.of());
	}

}
