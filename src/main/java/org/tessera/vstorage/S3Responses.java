package org.tessera.vstorage;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes S3's answers: XML documents, and errors as
 * {@code <Error><Code/><Message/><Resource/><RequestId/></Error>} with
 * {@code application/xml}, without a body for HEAD requests, as S3 answers them.
 */
final class S3Responses {

	/** HTTP dates as RFC 9110 writes them, e.g. {@code Tue, 08 Dec 2026 10:00:00 GMT}. */
	static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	/** Timestamps in listings, e.g. {@code 2026-12-08T10:00:00.000Z}. */
	static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private S3Responses() {
	}

	static void xml(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType("application/xml");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * An error answer; does nothing when the answer is already committed (the client is
	 * told by the broken connection).
	 */
	static void error(HttpServletResponse response, boolean head, int status, String code, String message,
			String resource, String requestId) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		for (String header : new String[] { "ETag", "Last-Modified", "Content-Type" }) {
			response.setHeader(header, null);
		}
		if (head) {
			response.setStatus(status);
			response.setContentLength(0);
			return;
		}
		byte[] body = XmlDocument.plain("Error")
			.text("Code", code)
			.text("Message", message)
			.text("Resource", resource)
			.text("RequestId", requestId)
			.toBytes();
		xml(response, status, body);
	}

	static String httpDate(Instant instant) {
		return HTTP_DATE.format(instant);
	}

}
