package org.tessera.oauth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request to the token, introspection or revocation endpoint that carried no client
 * authentication any converter recognised: RFC 6749 section 5.2 {@code invalid_client} JSON,
 * instead of an empty 401 or a redirect to the login page.
 */
final class InvalidClientEntryPoint implements AuthenticationEntryPoint {

	/** The challenge of every {@code invalid_client} answer (RFC 6749 section 5.2). */
	static final String CHALLENGE = "Basic realm=\"tessera\"";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", CHALLENGE);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
	}

}
