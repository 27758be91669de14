package org.tessera.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The management API speaks only JSON. A request whose Accept header rules JSON out is refused
 * with 406 before it runs, rather than after a change was made and could not be reported; a
 * body of another (or a wildcard) Content-Type is refused with 415.
 */
public final class JsonOnlyFilter extends OncePerRequestFilter {

	private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader("Accept");
		if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
			ProblemResponses.write(response, HttpStatus.NOT_ACCEPTABLE,
					"the management API answers application/json and application/problem+json only");
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && !isJson(contentType)) {
			ProblemResponses.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
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

	private static boolean acceptsJson(String accept) {
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> ANSWERS.stream().anyMatch(type::isCompatibleWith));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
