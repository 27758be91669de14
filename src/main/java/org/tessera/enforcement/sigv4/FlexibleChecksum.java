package org.tessera.enforcement.sigv4;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * One of S3's "flexible checksums" of a body ({@code x-amz-checksum-crc32},
 * {@code -crc32c}, {@code -sha1}, {@code -sha256}), computed as the body is read and
 * compared with the base64 value the client sent in a header or a trailer. Other
 * algorithms ({@code crc64nvme}) are not verified.
 */
final class FlexibleChecksum {

	private final String header;

	private final Checksum crc;

	private final MessageDigest digest;

	private FlexibleChecksum(String header, Checksum crc, MessageDigest digest) {
		this.header = header;
		this.crc = crc;
		this.digest = digest;
	}

	/**
	 * The checksum the header name asks for, e.g. {@code x-amz-checksum-crc32}, or null
	 * when it is not one this class verifies.
	 */
	static FlexibleChecksum forHeader(String name) {
		String header = name.toLowerCase(Locale.ROOT);
		try {
			return switch (header) {
				case "x-amz-checksum-crc32" -> new FlexibleChecksum(header, new CRC32(), null);
				case "x-amz-checksum-crc32c" -> new FlexibleChecksum(header, new CRC32C(), null);
				case "x-amz-checksum-sha1" -> new FlexibleChecksum(header, null, MessageDigest.getInstance("SHA-1"));
				case "x-amz-checksum-sha256" ->
					new FlexibleChecksum(header, null, MessageDigest.getInstance("SHA-256"));
				default -> null;
			};
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-1 and SHA-256", ex);
		}
	}

	String header() {
		return this.header;
	}

	void update(byte[] bytes, int offset, int length) {
		if (this.crc != null) {
			this.crc.update(bytes, offset, length);
		}
		else {
			this.digest.update(bytes, offset, length);
		}
	}

	/** Whether the body read so far has the checksum {@code base64}. */
	boolean matches(String base64) {
		byte[] value;
		if (this.crc != null) {
			long crc = this.crc.getValue();
			value = new byte[] { (byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc };
		}
		else {
			value = this.digest.digest();
		}
		return MessageDigest.isEqual(Base64.getEncoder().encode(value),
				base64.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	SigV4Exception mismatch() {
		String name = this.header.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT);
		return new SigV4Exception("BadDigest", 400,
				"The " + name + " you specified did not match the calculated checksum.");
	}

}
