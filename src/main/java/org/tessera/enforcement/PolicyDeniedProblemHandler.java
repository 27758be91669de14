package org.tessera.enforcement;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link PolicyDeniedException} with 403 {@code application/problem+json} (RFC
 * 9457) that names the refused action and resource. Ordered first, so that a resource
 * server's own catch-all handler never turns a denial into something else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PolicyDeniedProblemHandler {

	@ExceptionHandler(PolicyDeniedException.class)
	ResponseEntity<ProblemDetail> denied(PolicyDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setProperty("action", ex.action());
		problem.setProperty("resource", ex.resource());
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
