package org.tessera.enforcement;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.tessera.problem.ErrorBodies;

/**
 * A bearer token that could not be checked because the issuer's keys could not be fetched
 * is the resource server's problem, not the caller's: 503 problem+json with
 * {@code Retry-After}, where Spring would rethrow and answer 500. Every other failure is
 * the entry point's 401.
 */
public class IssuerUnavailableFailureHandler implements AuthenticationFailureHandler {

	private static final long RETRY_AFTER_SECONDS = 5;

	private final AuthenticationEntryPoint entryPoint;

	public IssuerUnavailableFailureHandler(AuthenticationEntryPoint entryPoint) {
		this.entryPoint = entryPoint;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof AuthenticationServiceException)) {
			this.entryPoint.commence(request, response, exception);
			return;
		}
		ErrorBodies.writeUnavailable(response, request.getRequestURI(), RETRY_AFTER_SECONDS,
				"The token issuer's signing keys cannot be fetched; try again later");
	}

}
