package org.tessera.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (encoded line breaks, {@code ..}, {@code ;}
 * in a path, control characters in a parameter) get a 400 in the format of the endpoint
 * asked for, like every other refusal, instead of the container's error page.
 */
@Component
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
			throws IOException {
		ErrorBodies.write(response, request.getRequestURI(), HttpStatus.BAD_REQUEST.value(),
				"the request is not acceptable");
	}

}
