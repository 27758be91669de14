package org.tessera.problem;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For endpoints that answer only JSON: a request whose Accept header is malformed or
 * rules JSON out is refused with 406 in JSON before it runs. Left to Spring MVC, such a
 * request would get a 406 with an empty body (no error body can be negotiated), or be
 * refused only after a change was made.
 */
public final class JsonAcceptFilter extends OncePerRequestFilter {

	private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	/** What clients send nearly always, answered without parsing on every request. */
	private static final Set<String> COMMON = Set.of("*/*", "application/json", "application/problem+json");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader("Accept");
		if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
			ErrorBodies.write(response, request.getRequestURI(), HttpServletResponse.SC_NOT_ACCEPTABLE,
					"this endpoint answers application/json and application/problem+json only");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean acceptsJson(String accept) {
		if (COMMON.contains(accept)) {
			return true;
		}
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
