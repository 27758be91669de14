package org.tessera.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.problem.ErrorBodies;

/**
 * Checks requests to the token, introspection and revocation endpoints before anything
 * parses them: a POST with an {@code application/x-www-form-urlencoded} body (RFC 6749
 * section 3.2, RFC 7662 section 2.1, RFC 7009 section 2.1) of at most
 * {@value #MAX_BODY_BYTES} bytes. Anything else is an RFC 6749 {@code invalid_request}
 * (405 with {@code Allow: POST} for another method, 413 when too large).
 */
public final class TokenEndpointRequestFilter extends OncePerRequestFilter {

	/** The largest form accepted at the token endpoints. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (!"POST".equals(request.getMethod())) {
			response.setHeader("Allow", "POST");
			refuse(response, path, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "this endpoint takes POST only");
			return;
		}
		long length = request.getContentLengthLong();
		if (length > MAX_BODY_BYTES || (length < 0 && hasUndeclaredBody(request))) {
			refuse(response, path, 413, "the form must declare its length and be at most " + MAX_BODY_BYTES + " bytes");
			return;
		}
		if (!isForm(request.getContentType())) {
			refuse(response, path, HttpServletResponse.SC_BAD_REQUEST,
					"the body must be application/x-www-form-urlencoded");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Any {@code Transfer-Encoding} header, whatever its value ({@code ,chunked} and
	 * {@code gzip, chunked} are chunked to Tomcat too), or a protocol other than
	 * HTTP/1.x, where any request may stream a body.
	 */
	private static boolean hasUndeclaredBody(HttpServletRequest request) {
		return request.getHeader("Transfer-Encoding") != null || !request.getProtocol().startsWith("HTTP/1.");
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
					&& (type.getCharset() == null || "UTF-8".equalsIgnoreCase(type.getCharset().name()));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void refuse(HttpServletResponse response, String path, int status, String detail)
			throws IOException {
		response.setHeader("Cache-Control", "no-store");
		ErrorBodies.write(response, path, status, detail);
	}

}
