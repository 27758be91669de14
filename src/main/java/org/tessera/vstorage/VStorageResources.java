package org.tessera.vstorage;

import java.nio.charset.StandardCharsets;

/**
 * vStorage's actions and the CRNs of its resources, as policies name them:
 * {@code crn:vstorage:<account>:bucket/<bucket>} and
 * {@code crn:vstorage:<account>:object/<bucket>/<key>}. A CRN holds no whitespace or
 * control character, so in a key those and {@code %} are written {@code %XY} (UTF-8
 * bytes); every other character, {@code /} and {@code *} included, stays as it is, so
 * {@code object/photos/2026/*} matches what it reads as.
 */
final class VStorageResources {

	static final String LIST_BUCKETS = "vstorage:ListBuckets";

	static final String CREATE_BUCKET = "vstorage:CreateBucket";

	static final String DELETE_BUCKET = "vstorage:DeleteBucket";

	static final String LIST_OBJECTS = "vstorage:ListObjects";

	static final String PUT_OBJECT = "vstorage:PutObject";

	static final String GET_OBJECT = "vstorage:GetObject";

	static final String DELETE_OBJECT = "vstorage:DeleteObject";

	private VStorageResources() {
	}

	/** {@code crn:vstorage:<account>:bucket/*}, what ListBuckets is decided on. */
	static String allBuckets(String account) {
		return "crn:vstorage:" + account + ":bucket/*";
	}

	static String bucket(String account, String bucket) {
		return "crn:vstorage:" + account + ":bucket/" + bucket;
	}

	static String object(String account, String bucket, String key) {
		return "crn:vstorage:" + account + ":object/" + bucket + "/" + escape(key);
	}

	private static String escape(String key) {
		StringBuilder escaped = new StringBuilder(key.length());
		key.codePoints().forEach((c) -> {
			if (c == '%' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
				for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
					escaped.append('%').append(String.format("%02X", b & 0xff));
				}
			}
			else {
				escaped.appendCodePoint(c);
			}
		});
		return escaped.toString();
	}

}
