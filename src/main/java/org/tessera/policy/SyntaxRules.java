package org.tessera.policy;

/**
 * The syntax rules shared by the value types and {@link PolicyParser}, written once so
 * that a statement built in code and one read from JSON are held to the same rules and
 * refused with the same messages. Each check throws {@link InvalidPolicyException} naming
 * the field it was given.
 */
final class SyntaxRules {

	private SyntaxRules() {
	}

	/** Refuses a text longer than {@code maxLength} UTF-16 characters. */
	static void checkLength(String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw new InvalidPolicyException(field, "must be at most " + maxLength + " characters");
		}
	}

	/**
	 * A policy name: one or more of {@code A-Z a-z 0-9 + = , . @ _ -}, not dots alone.
	 */
	static void checkPolicyName(String field, String name) {
		if (name.isEmpty()) {
			throw new InvalidPolicyException(field, "must not be empty");
		}
		if (!name.chars().allMatch(SyntaxRules::isNameChar)) {
			throw new InvalidPolicyException(field, "may contain only letters, digits and +=,.@_-");
		}
		if (name.chars().allMatch((c) -> c == '.')) {
			throw new InvalidPolicyException(field, "must not be dots alone: no path could name it");
		}
	}

	/**
	 * An action pattern: {@code *}, or {@code service:Action} with service
	 * {@code [a-zA-Z0-9*?-]+}, action {@code [a-zA-Z0-9*?]+}.
	 */
	static void checkActionPattern(String field, String pattern) {
		if (pattern.equals("*")) {
			return;
		}
		int colon = pattern.indexOf(':');
		boolean valid = colon > 0 && colon < pattern.length() - 1
				&& pattern.chars().limit(colon).allMatch(c -> isAlphanumericOrWildcard(c) || c == '-')
				&& pattern.chars().skip(colon + 1L).allMatch(SyntaxRules::isAlphanumericOrWildcard);
		if (!valid) {
			throw new InvalidPolicyException(field,
					"must be \"*\" or a \"service:Action\" pattern of letters, digits, \"*\" and \"?\"");
		}
	}

	/**
	 * A resource pattern: {@code *}, or text starting with {@code crn:} without
	 * whitespace or control characters.
	 */
	static void checkResourcePattern(String field, String pattern) {
		if (pattern.equals("*")) {
			return;
		}
		if (!pattern.startsWith("crn:")) {
			throw new InvalidPolicyException(field, "must be \"*\" or a CRN pattern starting with \"crn:\"");
		}
		if (pattern.chars().anyMatch(Crn::isWhitespaceOrControl)) {
			throw new InvalidPolicyException(field, "must not contain whitespace or control characters");
		}
	}

	private static boolean isNameChar(int c) {
		return isAsciiAlphanumeric(c) || "+=,.@_-".indexOf(c) >= 0;
	}

	private static boolean isAlphanumericOrWildcard(int c) {
		return isAsciiAlphanumeric(c) || c == '*' || c == '?';
	}

	private static boolean isAsciiAlphanumeric(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
