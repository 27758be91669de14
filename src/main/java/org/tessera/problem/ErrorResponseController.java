package org.tessera.problem;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the container's error dispatches ({@code sendError}, an exception that escaped
 * a filter) in Tessera's formats whatever the request's Accept header: never a whitelabel
 * page, an empty body or a stack trace. Replaces Spring Boot's
 * {@code BasicErrorController}. A client that asks for {@code /error} itself gets 404, as
 * for any path that is no endpoint.
 */
@Controller
public class ErrorResponseController implements ErrorController {

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			ErrorBodies.write(response, request.getRequestURI(), HttpStatus.NOT_FOUND.value(), "no such endpoint");
			return;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value && value >= 400) ? value : 500;
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		HttpStatus known = HttpStatus.resolve(status);
		ErrorBodies.write(response, (path != null) ? path.toString() : "", status,
				(known != null) ? known.getReasonPhrase() : "error");
	}

}
