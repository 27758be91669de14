package org.tessera.enforcement.sigv4;

import java.security.MessageDigest;

/**
 * The signature chain of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} body: each chunk is
 * signed over the previous signature (the first over the request's seed signature) and
 * the chunk's SHA-256, and the trailer, if any, over the last chunk's signature and the
 * SHA-256 of its canonical headers.
 */
final class ChunkSignatures {

	private final SigningKey key;

	private final String amzDate;

	private String previous;

	ChunkSignatures(SigningKey key, String amzDate, String seedSignature) {
		this.key = key;
		this.amzDate = amzDate;
		this.previous = seedSignature;
	}

	/**
	 * Checks the signature of the next chunk, whose data has the SHA-256
	 * {@code chunkSha256}, and makes it the previous one.
	 */
	void verifyChunk(byte[] chunkSha256, String signature) {
		String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + this.amzDate + "\n" + this.key.scope().scope() + "\n"
				+ this.previous + "\n" + Hex.EMPTY_SHA256 + "\n" + Hex.encode(chunkSha256);
		verify(stringToSign, signature);
	}

	/**
	 * Checks the trailer's signature; {@code canonicalTrailers} is
	 * {@code name:value\n}...
	 */
	void verifyTrailer(String canonicalTrailers, String signature) {
		String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + this.amzDate + "\n" + this.key.scope().scope() + "\n"
				+ this.previous + "\n" + Hex.sha256(canonicalTrailers);
		verify(stringToSign, signature);
	}

	private void verify(String stringToSign, String signature) {
		String expected = this.key.sign(stringToSign);
		if (signature == null || !Hmac.sameSignature(expected, signature)) {
			throw SigV4Exception.signatureDoesNotMatch();
		}
		this.previous = expected;
	}

	static MessageDigest newDigest() {
		return Hex.sha256();
	}

}
