package org.tessera.web;

import java.util.regex.Pattern;

import org.tessera.iam.InvalidRequestException;

/**
 * Checks on request fields shared by every management call, each failing with an
 * {@link InvalidRequestException} that names the field.
 */
public final class Fields {

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private Fields() {
	}

	/**
	 * The value, present and matching {@code pattern} ({@code rule} says in words what
	 * that is).
	 */
	public static String require(String field, String value, Pattern pattern, String rule) {
		if (value == null) {
			throw new InvalidRequestException(field, "is required");
		}
		if (!pattern.matcher(value).matches()) {
			throw new InvalidRequestException(field, rule);
		}
		return value;
	}

	/**
	 * Free text: absent means empty; at most {@code maxLength} characters and no control
	 * characters.
	 */
	public static String text(String field, String value, int maxLength) {
		if (value == null) {
			return "";
		}
		if (value.length() > maxLength) {
			throw new InvalidRequestException(field, "must be at most " + maxLength + " characters");
		}
		if (CONTROL.matcher(value).find()) {
			throw new InvalidRequestException(field, "must not contain control characters");
		}
		return value;
	}

}
