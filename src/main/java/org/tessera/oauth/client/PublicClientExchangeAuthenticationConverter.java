package org.tessera.oauth.client;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets a public client identify itself by {@code client_id} alone on the two requests
 * where people need it without PKCE: token exchange at the token endpoint (impersonation
 * with their own access token as actor) and revocation of their own tokens (RFC 7009
 * section 2.1 allows public clients). Spring's own public-client converter covers only
 * PKCE authorization-code requests. Anywhere else (introspection above all, whatever
 * {@code grant_type} the request carries), or with real client credentials, the request
 * is left to the other converters, so a bare {@code client_id} never authenticates it.
 */
public final class PublicClientExchangeAuthenticationConverter implements AuthenticationConverter {

	private final RequestMatcher tokenEndpoint;

	private final RequestMatcher revocationEndpoint;

	public PublicClientExchangeAuthenticationConverter(String tokenEndpoint, String revocationEndpoint) {
		this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
		this.revocationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, revocationEndpoint);
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!isExchange(request) && !this.revocationEndpoint.matches(request)) {
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

	private boolean isExchange(HttpServletRequest request) {
		return this.tokenEndpoint.matches(request) && AuthorizationGrantType.TOKEN_EXCHANGE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
	}

}
