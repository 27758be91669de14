package org.tessera.problem;

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
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over its limit with 413 in the endpoint's error format, before
 * Spring Security and before any handler reads it. A body whose {@code Content-Length}
 * says so is refused at once; the container reads no more than a declared length. Any
 * other body (whatever its {@code Transfer-Encoding} says: {@code chunked},
 * {@code ,chunked}, {@code gzip, chunked}...) is counted as it is read: refused as soon
 * as one byte more than the limit has arrived, and otherwise kept in memory for the
 * handler, so no handler ever holds more than the limit of one body. Both the
 * authorization server and vServer use it, each with its own limit.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final int maxBodyBytes;

	/**
	 * @param maxBodyBytes the largest request body accepted, in bytes
	 */
	public RequestBodyLimitFilter(int maxBodyBytes) {
		if (maxBodyBytes < 0) {
			throw new IllegalArgumentException("the limit must not be negative");
		}
		this.maxBodyBytes = maxBodyBytes;
	}

	public int maxBodyBytes() {
		return this.maxBodyBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodyBytes) {
			refuse(request, response);
			return;
		}
		if (declared >= 0 || !mayCarryUndeclaredBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = request.getInputStream().readNBytes(this.maxBodyBytes + 1);
		}
		catch (IOException ex) {
			// a malformed chunk, or a client gone while sending
			if (!response.isCommitted()) {
				ErrorBodies.write(response, request.getRequestURI(), HttpStatus.BAD_REQUEST.value(),
						"the request body could not be read");
			}
			return;
		}
		if (body.length > this.maxBodyBytes) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	/**
	 * In HTTP/1.x a body without {@code Content-Length} comes only with a
	 * {@code Transfer-Encoding} header, of whatever value; in HTTP/2 and later any
	 * request may stream one.
	 */
	private static boolean mayCarryUndeclaredBody(HttpServletRequest request) {
		return request.getHeader("Transfer-Encoding") != null || !request.getProtocol().startsWith("HTTP/1.");
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorBodies.write(response, request.getRequestURI(), HttpStatus.CONTENT_TOO_LARGE.value(),
				"the request body must be at most " + this.maxBodyBytes + " bytes");
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

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
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
