package org.tessera.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A parsed resource name, {@code crn:<service>:<account>:<resource>}, e.g.
 * {@code crn:iam:53461:user/System1}. It exists so that the account a resource belongs to
 * is read in one place, by one set of rules.
 *
 * @param service lower-case service name, {@code [a-z0-9-]+}, e.g. {@code iam}
 * @param account the owning account's digits, or empty for managed (global) resources
 * @param resource everything after the third colon, non-empty, e.g.
 * {@code service-account/sa-abc}
 */
public record Crn(String service, String account, String resource) {

	private static final String PREFIX = "crn:";

	/**
	 * @throws IllegalArgumentException if a part breaks the rules above, or the resource
	 * holds whitespace or control characters
	 */
	public Crn {
		Objects.requireNonNull(service, "service");
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(resource, "resource");
		if (service.isEmpty() || !allMatch(service, Crn::isServiceChar)) {
			throw new IllegalArgumentException("CRN service must match [a-z0-9-]+");
		}
		if (!allMatch(account, Crn::isDigit)) {
			throw new IllegalArgumentException("CRN account must be digits or empty");
		}
		if (resource.isEmpty() || !allMatch(resource, (c) -> !isWhitespaceOrControl(c))) {
			throw new IllegalArgumentException(
					"CRN resource must be non-empty, without whitespace or control characters");
		}
	}

	/**
	 * Reads {@code crn:<service>:<account>:<resource>}; the resource is everything after
	 * the third colon.
	 * @throws IllegalArgumentException if the text is not a valid CRN
	 */
	public static Crn parse(String text) {
		return tryParse(text).orElseThrow(
				() -> new IllegalArgumentException("not a valid CRN, expected crn:<service>:<account>:<resource>"));
	}

	/**
	 * Like {@link #parse}, but empty instead of throwing when the text is not a valid
	 * CRN.
	 */
	public static Optional<Crn> tryParse(String text) {
		Objects.requireNonNull(text, "text");
		int accountEnd = accountEnd(text);
		if (accountEnd < 0) {
			return Optional.empty();
		}
		int accountStart = accountStart(text);
		return Optional.of(new Crn(text.substring(PREFIX.length(), accountStart - 1),
				text.substring(accountStart, accountEnd), text.substring(accountEnd + 1)));
	}

	/** Builds a CRN from its parts, validated as by the constructor. */
	public static Crn of(String service, String account, String resource) {
		return new Crn(service, account, resource);
	}

	/** The text form, {@code crn:<service>:<account>:<resource>}. */
	@Override
	public String toString() {
		return PREFIX + service + ":" + account + ":" + resource;
	}

	/**
	 * Checks the text is a valid CRN without allocating anything, for the evaluator's hot
	 * path.
	 * @return the index of the colon that ends the account part, or -1 if the text is not
	 * a valid CRN
	 */
	static int accountEnd(String text) {
		if (!text.startsWith(PREFIX)) {
			return -1;
		}
		int length = text.length();
		int index = PREFIX.length();
		while (index < length && isServiceChar(text.charAt(index))) {
			index++;
		}
		if (index == PREFIX.length() || index == length || text.charAt(index) != ':') {
			return -1;
		}
		index++;
		while (index < length && isDigit(text.charAt(index))) {
			index++;
		}
		if (index == length || text.charAt(index) != ':') {
			return -1;
		}
		int accountEnd = index;
		if (accountEnd + 1 == length) {
			return -1;
		}
		for (int i = accountEnd + 1; i < length; i++) {
			if (isWhitespaceOrControl(text.charAt(i))) {
				return -1;
			}
		}
		return accountEnd;
	}

	/**
	 * Whether a text already known valid by {@link #accountEnd} belongs to the given
	 * account, without allocating.
	 */
	static boolean isInAccount(String validCrn, int accountEnd, String account) {
		int accountStart = accountStart(validCrn);
		return accountEnd - accountStart == account.length()
				&& validCrn.regionMatches(accountStart, account, 0, account.length());
	}

	/**
	 * The rule CRNs and resource patterns share: no whitespace, no space separators, no
	 * control characters.
	 */
	static boolean isWhitespaceOrControl(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
	}

	/**
	 * A loop rather than a stream: CRNs are checked on every authorised request of a
	 * resource server.
	 */
	private static boolean allMatch(String text, IntPredicate rule) {
		for (int i = 0; i < text.length(); i++) {
			if (!rule.test(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static int accountStart(String validCrn) {
		return validCrn.indexOf(':', PREFIX.length()) + 1;
	}

	private static boolean isServiceChar(int c) {
		return (c >= 'a' && c <= 'z') || isDigit(c) || c == '-';
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}
}
