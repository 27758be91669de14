package org.tessera.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request it refuses before Spring sees it: an undecodable
 * path, an oversized request line) in Tessera's JSON formats instead of Tomcat's HTML
 * page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String path = (request.getDecodedRequestURI() != null) ? request.getDecodedRequestURI()
				: request.getCoyoteRequest().requestURI().toString();
		HttpStatus known = HttpStatus.resolve(status);
		try {
			response.setContentType(ErrorBodies.contentType(path));
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ErrorBodies.body(path, status,
						(known != null) ? "the request is not acceptable: " + known.getReasonPhrase() : "error"));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone: nothing to report to
		}
	}

}
