package org.tessera.oauth.jwtbearer;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets a JWT-bearer grant request without client authentication through the client
 * authentication filter (RFC 7523 section 3.1: the assertion may be all the
 * authentication there is): at the token endpoint, with that {@code grant_type} and
 * neither an Authorization header, nor {@code client_secret}, nor
 * {@code client_assertion}, the request becomes a {@link JwtBearerAssertionRequest}. A
 * request that does carry client credentials is left to the other converters and is
 * authenticated as usual. A missing or repeated {@code assertion} is
 * {@code invalid_request}.
 */
public final class JwtBearerClientAuthenticationConverter implements AuthenticationConverter {

	private final RequestMatcher tokenEndpoint;

	public JwtBearerClientAuthenticationConverter(String tokenEndpoint) {
		this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!this.tokenEndpoint.matches(request) || !JwtBearerGrantConverter.GRANT_TYPE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return null;
		}
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String assertion = JwtBearerGrantConverter.assertionOf(request);
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds != null && clientIds.length > 1) {
			throw JwtBearerGrantConverter.invalidRequest("parameter client_id is repeated");
		}
		String clientId = (clientIds != null && !clientIds[0].isEmpty()) ? clientIds[0] : null;
		return new JwtBearerAssertionRequest(assertion, clientId);
	}

}
