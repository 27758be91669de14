package org.tessera.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the token, introspection and revocation endpoints: a source whose failure
 * budget is spent gets 429 with {@code Retry-After} and an RFC 6749-style JSON body
 * before any credential is read or hashed; otherwise the request goes on, and an answer
 * of 400 to 499 spends one from the source's budget. Only failures count, and only
 * against the source, never the client id: a client's right credentials from any other
 * source work at once, and successes never wait.
 */
public final class ClientFailureThrottleFilter extends OncePerRequestFilter {

	private final SourceResolver sources;

	private final SourceBudget failures;

	public ClientFailureThrottleFilter(SourceResolver sources, SourceBudget failures) {
		this.sources = sources;
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String source = this.sources.resolve(request);
		long retryAfter = this.failures.retryAfterSeconds(source);
		if (retryAfter > 0) {
			tooManyRequests(response, retryAfter);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			int status = response.getStatus();
			if (status >= 400 && status < 500) {
				this.failures.spend(source);
			}
		}
	}

	private static void tooManyRequests(HttpServletResponse response, long retryAfter) throws IOException {
		byte[] body = ("{\"error\":\"too_many_requests\",\"error_description\":\"Too many failed requests from this "
				+ "address; retry after " + retryAfter + ((retryAfter == 1) ? " second\"}" : " seconds\"}"))
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setContentType("application/json;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
