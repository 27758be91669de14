package org.tessera.serviceaccount;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Ids for service accounts, secrets and keys: a prefix and random base32 characters, 5
 * bits each.
 */
final class RandomIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private RandomIds() {
	}

	static String newId(String prefix, int length) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < length; i++) {
			id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
		}
		return id.toString().toLowerCase(Locale.ROOT);
	}

}
