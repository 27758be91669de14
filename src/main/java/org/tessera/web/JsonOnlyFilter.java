package org.tessera.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.problem.ErrorBodies;

/**
 * The management API reads only JSON: a body of another (or a wildcard) Content-Type is
 * refused with 415 before it runs. (That the caller accepts JSON is checked by
 * {@link org.tessera.problem.JsonAcceptFilter}.)
 */
public final class JsonOnlyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && !isJson(contentType)) {
			ErrorBodies.write(response, request.getRequestURI(), HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
					"Content-Type must be application/json");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isJson(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype()
					&& MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
