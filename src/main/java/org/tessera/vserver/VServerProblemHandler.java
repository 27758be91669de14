package org.tessera.vserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tessera.vserver.servers.ServerStore;
import org.tessera.vserver.servers.ServersController;

/**
 * Every error of vServer as {@code application/problem+json} (RFC 9457): its own refusals
 * here, Spring MVC's through {@link ResponseEntityExceptionHandler}, anything unexpected
 * as a 500 without details. Policy denials are the enforcement artifact's 403
 * ({@code org.tessera.enforcement.PolicyDeniedProblemHandler}), which comes first.
 */
@RestControllerAdvice
public class VServerProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(VServerProblemHandler.class);

	@ExceptionHandler(ServersController.ServerNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(ServersController.ServerNotFoundException ex) {
		return answer(problem(HttpStatus.NOT_FOUND, ex.getMessage()));
	}

	@ExceptionHandler(ServerStore.StateConflictException.class)
	ResponseEntity<ProblemDetail> conflict(ServerStore.StateConflictException ex) {
		return answer(problem(HttpStatus.CONFLICT, ex.getMessage()));
	}

	@ExceptionHandler(ServersController.BadRequestException.class)
	ResponseEntity<ProblemDetail> badRequest(ServersController.BadRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.field());
		return answer(problem);
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected error", ex);
		return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"));
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
