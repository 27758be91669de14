package org.tessera.vserver;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.problem.ErrorBodies;

/**
 * Refuses a request body over {@value #MAX_BODY_BYTES} bytes with 413 problem+json, before Spring Security and
 * before any handler reads it: at once when its {@code Content-Length} says so, and for a body of no declared length
 * (chunked) as soon as that many bytes have arrived, the smaller ones being kept in memory for the handler. vServer's
 * largest body, {@code {"name": ...}}, is under 300 bytes; without a limit anyone could make it read hundreds of
 * megabytes into its heap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

	/** The largest request body accepted. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY_BYTES) {
			refuse(request, response);
			return;
		}
		if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
			// the container reads no more than the declared length, and without either header there is no body
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorBodies.write(response, request.getRequestURI(), HttpStatus.CONTENT_TOO_LARGE.value(),
				"The request body must be at most " + MAX_BODY_BYTES + " bytes");
	}

	/** A request whose body, of no declared length, was read in full by this filter. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyStream(new ByteArrayInputStream(this.body));
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	/** The read body as a blocking servlet stream. */
	private static final class BodyStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BodyStream(ByteArrayInputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("the body was already read; read it blocking");
		}

	}

}
