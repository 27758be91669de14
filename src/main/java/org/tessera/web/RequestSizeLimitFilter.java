package org.tessera.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.problem.ErrorBodies;

/**
 * Refuses management request bodies over {@value #MAX_BODY_BYTES} bytes with 413 before any
 * of it is parsed. Bodies without a declared length are refused too: every client we serve
 * sends {@code Content-Length} for small JSON documents.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** The largest management request body accepted. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (length > MAX_BODY_BYTES || chunked) {
			ErrorBodies.write(response, request.getRequestURI(), HttpStatus.CONTENT_TOO_LARGE.value(),
					"the request body must declare its length and be at most " + MAX_BODY_BYTES + " bytes");
			return;
		}
		chain.doFilter(request, response);
	}

}
