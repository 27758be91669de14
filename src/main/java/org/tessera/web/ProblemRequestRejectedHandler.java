package org.tessera.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (encoded line breaks, {@code ..}, {@code ;} in a
 * path) get a problem+json 400 like every other refusal, instead of the container's error page.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException exception) throws IOException {
		ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "the request URL is not acceptable");
	}

}
