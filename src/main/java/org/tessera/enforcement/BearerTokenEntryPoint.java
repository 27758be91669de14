package org.tessera.enforcement;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.tessera.problem.ErrorBodies;

/**
 * Answers 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} for every
 * unauthenticated request, including one without any token (Spring's own entry point
 * leaves the error out in that case), and a short {@code application/problem+json} body.
 */
public class BearerTokenEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint delegate = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		AuthenticationException reason = (ex instanceof OAuth2AuthenticationException) ? ex
				: new InvalidBearerTokenException("A bearer token is required");
		this.delegate.commence(request, response, reason);
		ErrorBodies.write(response, request.getRequestURI(), HttpServletResponse.SC_UNAUTHORIZED,
				"A valid bearer token from the trusted issuer is required");
	}

}
