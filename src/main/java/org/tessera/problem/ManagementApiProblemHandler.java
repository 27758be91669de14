package org.tessera.problem;

import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tessera.policy.InvalidPolicyException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where management API failures become RFC 9457
 * {@code application/problem+json} answers: every {@link RefusalException} with its own
 * status and members, invalid policy documents, unreadable bodies and concurrent changes.
 * Messages name the field or the permission; they never echo a secret or a stack trace.
 */
@RestControllerAdvice
public class ManagementApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ManagementApiProblemHandler.class);

	private final ObjectProvider<TemporaryFailures> temporaryFailures;

	public ManagementApiProblemHandler(ObjectProvider<TemporaryFailures> temporaryFailures) {
		this.temporaryFailures = temporaryFailures;
	}

	@ExceptionHandler(RefusalException.class)
	ResponseEntity<ProblemDetail> refusal(RefusalException ex) {
		return refused(ex);
	}

	@ExceptionHandler(InvalidPolicyException.class)
	ResponseEntity<ProblemDetail> invalidPolicy(InvalidPolicyException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	ResponseEntity<ProblemDetail> concurrency(ConcurrencyFailureException ex) {
		return problem(HttpStatus.CONFLICT, "the object is being changed by another request; retry", null);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		return problem(HttpStatus.CONFLICT, "the request conflicts with a concurrent change; read and retry", null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getName() + ": has the wrong type", ex.getName());
	}

	@ExceptionHandler(InvalidMediaTypeException.class)
	ResponseEntity<ProblemDetail> invalidMediaType(InvalidMediaTypeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", null);
	}

	/** Tomcat could not decode a query parameter (invalid UTF-8, say). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, "a query parameter is not valid UTF-8 or not well encoded", null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		TemporaryFailures temporary = this.temporaryFailures.getIfAvailable();
		if (temporary != null && temporary.isTemporary(ex)) {
			ResponseEntity<ProblemDetail> response = problem(HttpStatus.SERVICE_UNAVAILABLE,
					"the service is temporarily unavailable; retry shortly", null);
			return ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(response.getBody());
		}
		log.error("Unexpected failure of a management call", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", null);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = "body";
		String message = "must be a JSON object";
		if (ex.getCause() instanceof JacksonException json) {
			field = path(json.getPath());
			if (json instanceof UnrecognizedPropertyException) {
				message = "unknown field";
			}
			else if (json instanceof MismatchedInputException) {
				message = "has the wrong type or is malformed";
			}
			else {
				message = "malformed JSON";
			}
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		body.setProperty("field", field);
		return ResponseEntity.badRequest().body(body);
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static ResponseEntity<ProblemDetail> refused(RefusalException refusal) {
		HttpStatus status = HttpStatus.valueOf(refusal.status());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
		for (Map.Entry<String, Object> member : refusal.problemMembers().entrySet()) {
			body.setProperty(member.getKey(), member.getValue());
		}
		return ResponseEntity.status(status).body(body);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, @Nullable String field) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		if (field != null) {
			body.setProperty("field", field);
		}
		return ResponseEntity.status(status).body(body);
	}

}
