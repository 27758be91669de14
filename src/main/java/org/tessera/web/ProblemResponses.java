package org.tessera.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.util.HtmlUtils;
import org.tessera.problem.ErrorBodies;

/**
 * Problem+json answers written outside Spring MVC, by security filters: Spring's bearer-token
 * entry point and access-denied handler set the status and {@code WWW-Authenticate} header
 * (RFC 6750), and a small RFC 9457 body is added so that clients see JSON, never a blank page.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static AuthenticationEntryPoint bearerEntryPoint() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			write(response, HttpStatus.valueOf(response.getStatus()), "a valid bearer token from this server is required");
		};
	}

	/**
	 * Like {@link #bearerEntryPoint()} but in the format of the endpoint asked for: RFC 6749 JSON
	 * under {@code /oauth2/}, problem+json elsewhere (the authorization server's own chain).
	 */
	public static AuthenticationEntryPoint bearerEntryPointByPath() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			String path = request.getRequestURI();
			response.setContentType(ErrorBodies.contentType(path));
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			response.getWriter().write(ErrorBodies.body(path, response.getStatus(), "a valid token is required"));
		};
	}

	public static AccessDeniedHandler bearerAccessDenied() {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, exception) -> {
			bearer.handle(request, response, exception);
			write(response, HttpStatus.FORBIDDEN, "access denied");
		};
	}

	public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + HtmlUtils.htmlEscape(detail) + "\"}");
	}

}
