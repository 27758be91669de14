package org.tessera.enforcement.sigv4;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Lowercase hex and SHA-256, the two encodings SigV4 is written in. */
final class Hex {

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	/** The hex SHA-256 of no bytes. */
	static final String EMPTY_SHA256 = encode(sha256().digest());

	private Hex() {
	}

	static String encode(byte[] bytes) {
		char[] text = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
			text[2 * i + 1] = DIGITS[bytes[i] & 0xf];
		}
		return new String(text);
	}

	/** Decodes lowercase or uppercase hex; null when the text is not hex. */
	static byte[] decode(String text) {
		if (text.length() % 2 != 0) {
			return null;
		}
		byte[] bytes = new byte[text.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			int high = Character.digit(text.charAt(2 * i), 16);
			int low = Character.digit(text.charAt(2 * i + 1), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			bytes[i] = (byte) ((high << 4) | low);
		}
		return bytes;
	}

	static boolean isLowercaseSha256(String text) {
		if (text.length() != 64) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	static String sha256(String text) {
		return encode(sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

}
