package org.tessera.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (encoded line breaks, {@code ..}, {@code ;} in a
 * path, control characters in a parameter) get a 400 in the format of the endpoint asked for,
 * like every other refusal, instead of the container's error page.
 */
@Component
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException exception) throws IOException {
		String path = request.getRequestURI();
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(ErrorBodies.contentType(path));
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(ErrorBodies.body(path, 400, "the request is not acceptable"));
	}

}
