package org.tessera.oauth.jwtbearer;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads JWT-bearer grant requests (RFC 7523 section 2.1) at the token endpoint into a
 * {@link JwtBearerGrantRequest}: {@code assertion} is required, once (else
 * {@code invalid_request}); a {@code scope} is {@code invalid_scope}, as for client
 * credentials, since a service account's token carries its policies, not scopes.
 */
public final class JwtBearerGrantConverter implements AuthenticationConverter {

	/** {@code urn:ietf:params:oauth:grant-type:jwt-bearer}. */
	public static final AuthorizationGrantType GRANT_TYPE = AuthorizationGrantType.JWT_BEARER;

	static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3.1";

	/** The longest assertion read: a signed JWT of a service account is far shorter. */
	private static final int MAX_ASSERTION_LENGTH = 8 * 1024;

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!GRANT_TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return null;
		}
		String assertion = assertionOf(request);
		String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
		if (scope != null && !scope.isEmpty()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
					"a service account's token carries its policies, not scopes", null));
		}
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		return new JwtBearerGrantRequest(client, assertion);
	}

	/** The one {@code assertion} of the request, or {@code invalid_request}. */
	static String assertionOf(HttpServletRequest request) {
		String[] values = request.getParameterValues(OAuth2ParameterNames.ASSERTION);
		if (values == null || values[0].isEmpty()) {
			throw invalidRequest("parameter assertion is required");
		}
		if (values.length > 1) {
			throw invalidRequest("parameter assertion is repeated");
		}
		if (values[0].length() > MAX_ASSERTION_LENGTH) {
			throw invalidRequest("parameter assertion is too long");
		}
		return values[0];
	}

	static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, ERROR_URI));
	}

}
