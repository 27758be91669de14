package org.tessera.policy;

import java.util.Objects;

/**
 * A CRN with the policy language's wildcards ({@code *} and {@code ?}), matched exactly
 * as a statement's resources match: case-sensitively, {@code *} across {@code :} and
 * {@code /}. For lists of principals outside statements, such as the principals a trust
 * entry admits.
 */
public final class CrnPattern {

	private final String text;

	private final WildcardPattern pattern;

	private CrnPattern(String text) {
		this.text = text;
		this.pattern = WildcardPattern.caseSensitive(text);
	}

	public static CrnPattern of(String pattern) {
		return new CrnPattern(Objects.requireNonNull(pattern, "pattern"));
	}

	public boolean matches(String crn) {
		return this.pattern.matches(crn);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
