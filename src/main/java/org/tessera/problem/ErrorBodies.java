package org.tessera.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * The two error formats Tessera answers in, chosen by path: RFC 6749 section 5.2 JSON for
 * the OAuth2 endpoints under {@code /oauth2/}, RFC 9457 problem+json everywhere else (so
 * on vServer, which has no such endpoints, always problem+json). Used where an error is
 * written outside Spring MVC's exception handlers.
 */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	public static boolean isOAuth2Endpoint(String path) {
		return path != null && path.startsWith("/oauth2/");
	}

	/**
	 * Writes the error answer at {@code path}: its status, the content type of its kind,
	 * UTF-8 and {@link #body}.
	 */
	public static void write(HttpServletResponse response, String path, int status, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType(path));
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(body(path, status, detail));
	}

	/**
	 * Writes a 503 at {@code path} that a client may retry after
	 * {@code retryAfterSeconds}: whatever was buffered is dropped, and
	 * {@code Retry-After} and {@code no-store} are set.
	 */
	public static void writeUnavailable(HttpServletResponse response, String path, long retryAfterSeconds,
			String detail) throws IOException {
		response.resetBuffer();
		response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
		response.setHeader("Cache-Control", "no-store");
		write(response, path, HttpStatus.SERVICE_UNAVAILABLE.value(), detail);
	}

	/** The content type for an error at {@code path}. */
	public static String contentType(String path) {
		return isOAuth2Endpoint(path) ? "application/json" : "application/problem+json";
	}

	/**
	 * The body of an error at {@code path} with that status and a plain-ASCII detail.
	 * When the path is unknown (Tomcat refused the request line itself), a problem+json
	 * body that also carries RFC 6749's {@code error} member, so that either kind of
	 * client reads it.
	 */
	public static String body(String path, int status, String detail) {
		String safeDetail = detail.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "\\\\").replace("\"", "'");
		if (isOAuth2Endpoint(path)) {
			String error = (status == 401) ? "invalid_client" : (status >= 500) ? "server_error" : "invalid_request";
			return "{\"error\":\"" + error + "\",\"error_description\":\"" + safeDetail + "\"}";
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String error = (path == null || path.isEmpty()) ? ",\"error\":\"invalid_request\"" : "";
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ safeDetail + "\"" + error + "}";
	}

}
