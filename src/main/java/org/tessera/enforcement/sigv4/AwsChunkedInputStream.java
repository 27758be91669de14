package org.tessera.enforcement.sigv4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Decodes an {@code aws-chunked} body ({@code <hex size>[;chunk-signature=<sig>]\r\n
 * <data>\r\n} ... {@code 0...\r\n}, then trailer lines and an empty line) into the
 * object's bytes, verifying each chunk's signature when the body is signed, the trailing
 * checksum when it is one {@link FlexibleChecksum} knows, the trailer's signature when
 * signed, and the decoded length announced in {@code x-amz-decoded-content-length}. A
 * failure throws {@link SigV4Exception} from {@code read} before the end is reported, so
 * a store that commits only at the end never keeps a tampered body.
 */
final class AwsChunkedInputStream extends InputStream {

	private static final int MAXIMUM_LINE_BYTES = 4096;

	private static final int MAXIMUM_TRAILER_LINES = 16;

	private final InputStream in;

	private final ChunkSignatures signatures;

	private final boolean trailer;

	private final FlexibleChecksum checksum;

	private final long decodedLength;

	private MessageDigest chunkDigest;

	private String chunkSignature;

	private long remaining;

	private long decoded;

	private boolean done;

	private boolean started;

	/**
	 * @param signatures the chain to verify, or null for an unsigned body
	 * @param trailer whether trailer lines follow the last chunk
	 * @param checksum the checksum the trailer names, or null
	 * @param decodedLength the announced length of the decoded body, or -1
	 */
	AwsChunkedInputStream(InputStream in, ChunkSignatures signatures, boolean trailer, FlexibleChecksum checksum,
			long decodedLength) {
		this.in = in;
		this.signatures = signatures;
		this.trailer = trailer;
		this.checksum = checksum;
		this.decodedLength = decodedLength;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n < 0) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (!this.done && this.remaining == 0) {
			if (this.started) {
				endChunk();
			}
			startChunk();
		}
		if (this.done) {
			return -1;
		}
		int n = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
		if (n < 0) {
			throw SigV4Exception.incompleteBody("The request body ended inside a chunk.");
		}
		this.remaining -= n;
		this.decoded += n;
		if (this.chunkDigest != null) {
			this.chunkDigest.update(buffer, offset, n);
		}
		if (this.checksum != null) {
			this.checksum.update(buffer, offset, n);
		}
		return n;
	}

	/** Reads {@code <hex size>[;chunk-signature=<sig>]}; a zero size ends the body. */
	private void startChunk() throws IOException {
		String line = readLine();
		if (line == null) {
			throw SigV4Exception.incompleteBody("The request body ended before its last chunk.");
		}
		int semicolon = line.indexOf(';');
		String size = (semicolon < 0) ? line : line.substring(0, semicolon);
		this.chunkSignature = null;
		if (semicolon >= 0) {
			String extension = line.substring(semicolon + 1);
			if (!extension.startsWith("chunk-signature=")) {
				throw malformed();
			}
			this.chunkSignature = extension.substring("chunk-signature=".length());
		}
		if (size.isEmpty() || size.length() > 15) {
			throw malformed();
		}
		long bytes;
		try {
			bytes = Long.parseLong(size, 16);
		}
		catch (NumberFormatException ex) {
			throw malformed();
		}
		if (bytes < 0) {
			throw malformed();
		}
		if ((this.signatures != null) != (this.chunkSignature != null)) {
			throw (this.signatures != null) ? SigV4Exception.signatureDoesNotMatch() : malformed();
		}
		this.started = true;
		this.remaining = bytes;
		this.chunkDigest = (this.signatures != null) ? ChunkSignatures.newDigest() : null;
		if (bytes == 0) {
			verifyChunkSignature();
			finish();
		}
	}

	/** After a chunk's data: its CRLF and its signature. */
	private void endChunk() throws IOException {
		String crlf = readLine();
		if (crlf == null || !crlf.isEmpty()) {
			throw malformed();
		}
		verifyChunkSignature();
	}

	private void verifyChunkSignature() {
		if (this.signatures != null) {
			this.signatures.verifyChunk(this.chunkDigest.digest(), this.chunkSignature);
		}
	}

	/** After the zero-length chunk: the trailer, if any, and the final checks. */
	private void finish() throws IOException {
		String checksumValue = null;
		String trailerSignature = null;
		StringBuilder canonicalTrailers = new StringBuilder();
		int lines = 0;
		String line;
		while ((line = readLine()) != null && !line.isEmpty()) {
			if (!this.trailer || ++lines > MAXIMUM_TRAILER_LINES) {
				throw malformed();
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw malformed();
			}
			String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			if (name.equals("x-amz-trailer-signature")) {
				trailerSignature = value;
				continue;
			}
			canonicalTrailers.append(name).append(':').append(value).append('\n');
			if (this.checksum != null && name.equals(this.checksum.header())) {
				checksumValue = value;
			}
		}
		if (this.trailer && this.signatures != null) {
			this.signatures.verifyTrailer(canonicalTrailers.toString(), trailerSignature);
		}
		if (this.decodedLength >= 0 && this.decoded != this.decodedLength) {
			throw SigV4Exception.incompleteBody("The decoded body length does not match x-amz-decoded-content-length.");
		}
		if (this.checksum != null) {
			if (checksumValue == null) {
				throw SigV4Exception.invalidRequest("The trailer lacks the announced " + this.checksum.header() + ".");
			}
			if (!this.checksum.matches(checksumValue)) {
				throw this.checksum.mismatch();
			}
		}
		this.done = true;
	}

	/**
	 * A line without its CRLF, null at the end of the stream before any byte.
	 */
	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(96);
		int previous = -1;
		while (true) {
			int c = this.in.read();
			if (c < 0) {
				if (line.size() == 0) {
					return null;
				}
				throw malformed();
			}
			if (c == '\n' && previous == '\r') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
			}
			if (line.size() >= MAXIMUM_LINE_BYTES) {
				throw malformed();
			}
			line.write(c);
			previous = c;
		}
	}

	private static SigV4Exception malformed() {
		return SigV4Exception.incompleteBody("The aws-chunked request body is malformed.");
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
