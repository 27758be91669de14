package org.tessera.oauth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.tessera.problem.OAuth2ErrorResponseHandler;

/**
 * Answers a request to the token, introspection or revocation endpoint that carried no
 * client authentication any converter recognised: RFC 6749 section 5.2
 * {@code invalid_client}, written by {@link OAuth2ErrorResponseHandler} like every other
 * error there, instead of an empty 401 or a redirect to the login page.
 */
final class InvalidClientEntryPoint implements AuthenticationEntryPoint {

	private final OAuth2ErrorResponseHandler errors = new OAuth2ErrorResponseHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", null)));
	}

}
