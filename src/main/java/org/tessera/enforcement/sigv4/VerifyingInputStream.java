package org.tessera.enforcement.sigv4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A body of known length whose SHA-256 (the signed {@code x-amz-content-sha256}) and
 * optionally a flexible checksum header are checked when its end is read: reaching the
 * end of a tampered body throws instead of returning -1, so a store that commits only at
 * the end never keeps it.
 */
final class VerifyingInputStream extends FilterInputStream {

	private final MessageDigest sha256;

	private final byte[] expectedSha256;

	private final FlexibleChecksum checksum;

	private final String expectedChecksum;

	private boolean verified;

	/**
	 * @param expectedSha256 the signed hash, or null for {@code UNSIGNED-PAYLOAD}
	 * @param checksum a checksum to verify too, or null
	 */
	VerifyingInputStream(InputStream in, byte[] expectedSha256, FlexibleChecksum checksum, String expectedChecksum) {
		super(in);
		this.sha256 = (expectedSha256 != null) ? Hex.sha256() : null;
		this.expectedSha256 = expectedSha256;
		this.checksum = checksum;
		this.expectedChecksum = expectedChecksum;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n < 0) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0) {
			if (this.sha256 != null) {
				this.sha256.update(buffer, offset, n);
			}
			if (this.checksum != null) {
				this.checksum.update(buffer, offset, n);
			}
		}
		else if (n < 0) {
			verify();
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[8192];
		long skipped = 0;
		while (skipped < n) {
			int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void verify() {
		if (this.verified) {
			return;
		}
		if (this.sha256 != null && !MessageDigest.isEqual(this.sha256.digest(), this.expectedSha256)) {
			throw new SigV4Exception("XAmzContentSHA256Mismatch", 400,
					"The provided 'x-amz-content-sha256' header does not match what was computed.");
		}
		if (this.checksum != null && !this.checksum.matches(this.expectedChecksum)) {
			throw this.checksum.mismatch();
		}
		this.verified = true;
	}

}
