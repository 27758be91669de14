package org.tessera.account;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The numeric id of a root account. A type of its own because confusing an account id
 * with any other string is exactly the kind of mistake that crosses tenants.
 */
public record AccountId(String value) implements Serializable {

	private static final Pattern FORMAT = Pattern.compile("[0-9]{1,20}");

	private static final SecureRandom RANDOM = new SecureRandom();

	public AccountId {
		Objects.requireNonNull(value, "value");
		if (!FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("an account id is 1 to 20 digits");
		}
	}

	/** Whether {@code text} has the form of an account id. */
	public static boolean isValid(String text) {
		return text != null && FORMAT.matcher(text).matches();
	}

	/**
	 * A random 12-digit id (no leading zero), so ids reveal nothing about how many
	 * accounts exist.
	 */
	static AccountId random() {
		return new AccountId(Long.toString(100_000_000_000L + (long) (RANDOM.nextDouble() * 900_000_000_000L)));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
