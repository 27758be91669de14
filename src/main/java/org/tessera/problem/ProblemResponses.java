package org.tessera.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Problem+json answers written outside Spring MVC, by security filters: Spring's
 * bearer-token entry point and access-denied handler set the status and
 * {@code WWW-Authenticate} header (RFC 6750), and a small RFC 9457 body is added so that
 * clients see JSON, never a blank page.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static AuthenticationEntryPoint bearerEntryPoint() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			ErrorBodies.write(response, request.getRequestURI(), response.getStatus(),
					"a valid bearer token from this server is required");
		};
	}

	/**
	 * Like {@link #bearerEntryPoint()} but in the format of the endpoint asked for: RFC
	 * 6749 JSON under {@code /oauth2/}, problem+json elsewhere (the authorization
	 * server's own chain).
	 */
	public static AuthenticationEntryPoint bearerEntryPointByPath() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			ErrorBodies.write(response, request.getRequestURI(), response.getStatus(), "a valid token is required");
		};
	}

	public static AccessDeniedHandler bearerAccessDenied() {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, exception) -> {
			bearer.handle(request, response, exception);
			ErrorBodies.write(response, request.getRequestURI(), HttpStatus.FORBIDDEN.value(), "access denied");
		};
	}

}
