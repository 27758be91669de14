package org.tessera.vstorage;

import org.tessera.enforcement.sigv4.QueryParameter;

/**
 * The bucket and key a path-style request names: {@code /}, {@code /<bucket>} or
 * {@code /<bucket>/<key>}, read from the raw path as sent and percent-decoded once, so a
 * key may hold {@code /}, {@code //}, an encoded {@code %2F} and any UTF-8.
 *
 * @param bucket the bucket, or null for the service ({@code /})
 * @param key the decoded key, or null for the bucket itself
 */
record S3Path(String bucket, String key) {

	/** The longest key S3 accepts, in UTF-8 bytes. */
	static final int MAXIMUM_KEY_BYTES = 1024;

	/**
	 * @throws S3Exception InvalidURI for an undecodable path, InvalidBucketName for a
	 * bucket that breaks S3's naming rules, KeyTooLongError for a key over 1,024 bytes
	 */
	static S3Path parse(String rawPath) {
		if (rawPath == null || !rawPath.startsWith("/")) {
			throw invalidUri();
		}
		String path = rawPath.substring(1);
		if (path.isEmpty()) {
			return new S3Path(null, null);
		}
		int slash = path.indexOf('/');
		String bucket = decode((slash < 0) ? path : path.substring(0, slash));
		BucketName.check(bucket);
		if (slash < 0 || slash == path.length() - 1) {
			return new S3Path(bucket, null);
		}
		String key = decode(path.substring(slash + 1));
		if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAXIMUM_KEY_BYTES) {
			throw new S3Exception("KeyTooLongError", 400, "Your key is too long");
		}
		for (int i = 0; i < key.length(); i++) {
			if (Character.isISOControl(key.charAt(i))) {
				throw S3Exception.invalidArgument("vStorage does not accept control characters in object keys.");
			}
		}
		return new S3Path(bucket, key);
	}

	private static String decode(String raw) {
		try {
			return QueryParameter.decode(raw);
		}
		catch (IllegalArgumentException ex) {
			throw invalidUri();
		}
	}

	private static S3Exception invalidUri() {
		return new S3Exception("InvalidURI", 400, "Couldn't parse the specified URI.");
	}

}
