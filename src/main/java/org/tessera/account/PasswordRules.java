package org.tessera.account;

import java.nio.charset.StandardCharsets;

import org.tessera.iam.InvalidRequestException;

/**
 * What a person's password may be: 8 characters to 128 bytes in UTF-8. Every byte counts
 * (the hash is Argon2id), and the upper bound keeps a request from making the server hash
 * a huge input; a longer password presented at login is refused without hashing.
 */
public final class PasswordRules {

	public static final int MIN_CHARACTERS = 8;

	public static final int MAX_BYTES = 128;

	private PasswordRules() {
	}

	/** The password, or a 400 naming {@code field}. */
	public static String check(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidRequestException(field, "is required");
		}
		if (value.length() < MIN_CHARACTERS || isTooLong(value)) {
			throw new InvalidRequestException(field,
					"must be at least " + MIN_CHARACTERS + " characters and at most " + MAX_BYTES + " bytes in UTF-8");
		}
		return value;
	}

	/** Longer than any password that can have been accepted. */
	public static boolean isTooLong(CharSequence value) {
		// a character is at most 3 bytes in UTF-8 (4 for a surrogate pair, which is 2
		// chars)
		return value.length() > MAX_BYTES || (value.length() * 3 > MAX_BYTES
				&& value.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
	}

}
