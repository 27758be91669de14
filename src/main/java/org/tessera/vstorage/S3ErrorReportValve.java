package org.tessera.vstorage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own refusals (a request it rejects before vStorage sees it: an undecodable or
 * escaping path, an oversized request line or header, a TRACE) as S3's XML error instead
 * of Tomcat's HTML page.
 */
public final class S3ErrorReportValve extends ErrorReportValve {

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
		int s3Status = (status == 405 || status == 413 || status == 416 || status == 411) ? status : 400;
		String code = switch (s3Status) {
			case 405 -> "MethodNotAllowed";
			case 411 -> "MissingContentLength";
			case 413 -> "EntityTooLarge";
			case 416 -> "InvalidRange";
			default -> (status == 414 || status == 431) ? "RequestHeaderSectionTooLarge" : "InvalidRequest";
		};
		try {
			response.setStatus(s3Status);
			response.setContentType("application/xml");
			byte[] body = XmlDocument.plain("Error")
				.text("Code", code)
				.text("Message", "The request is not valid: the server refused it (" + status + ").")
				.toBytes();
			if (!"HEAD".equals(request.getMethod())) {
				response.setContentLength(body.length);
				OutputStream out = response.getOutputStream();
				out.write(body);
			}
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone: nothing to report to
		}
	}

}
