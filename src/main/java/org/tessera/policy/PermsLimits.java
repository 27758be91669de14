package org.tessera.policy;

import java.util.Collection;

/**
 * What the effective statements of one principal may take, so that every principal's
 * statements fit in an access token's {@code perms} claim and are cheap to evaluate on
 * every request: at most {@value #MAX_JSON_BYTES} bytes of JSON and at most
 * {@value #MAX_PATTERNS} action and resource patterns. The authorization server enforces
 * both when policies are attached or changed, and again when it issues a token. Sizes are
 * additive: the size of a principal's statements is {@link #EMPTY_JSON_BYTES} plus the
 * {@link #jsonBytes(Statement)} of each, so a policy's share can be computed once and
 * added up.
 */
public final class PermsLimits {

	/** Most bytes of JSON the statements of one principal may take in a token. */
	public static final int MAX_JSON_BYTES = 32 * 1024;

	/**
	 * Most action and resource patterns, counted together, the statements of one
	 * principal may hold.
	 */
	public static final int MAX_PATTERNS = 1_000;

	/** The two brackets of the JSON array. */
	public static final long EMPTY_JSON_BYTES = 2;

	/**
	 * {@code {"effect":"","actions":[],"resources":[]}} and a comma between statements.
	 */
	private static final int STATEMENT_OVERHEAD = 42;

	private PermsLimits() {
	}

	/** An upper bound of the UTF-8 length of the statements as a JSON array. */
	public static long jsonBytes(Collection<Statement> statements) {
		long bytes = EMPTY_JSON_BYTES;
		for (Statement statement : statements) {
			bytes += jsonBytes(statement);
		}
		return bytes;
	}

	/** What one statement adds to {@link #jsonBytes(Collection)}, its comma included. */
	public static long jsonBytes(Statement statement) {
		return STATEMENT_OVERHEAD + statement.effect().jsonName().length() + patternBytes(statement.actions())
				+ patternBytes(statement.resources());
	}

	/** The number of action and resource patterns of the statements. */
	public static long patterns(Collection<Statement> statements) {
		long patterns = 0;
		for (Statement statement : statements) {
			patterns += statement.actions().size() + statement.resources().size();
		}
		return patterns;
	}

	/**
	 * Why the statements break a limit, e.g.
	 * {@code "take about 40000 bytes in a token, more than 32768"}, or null when they
	 * fit.
	 */
	public static String excess(long jsonBytes, long patterns) {
		if (jsonBytes > MAX_JSON_BYTES) {
			return "take about " + jsonBytes + " bytes in a token, more than " + MAX_JSON_BYTES;
		}
		if (patterns > MAX_PATTERNS) {
			return "hold " + patterns + " action and resource patterns, more than " + MAX_PATTERNS;
		}
		return null;
	}

	private static long patternBytes(Collection<String> patterns) {
		long bytes = 0;
		for (String pattern : patterns) {
			bytes += 3;
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				bytes += (c == '"' || c == '\\') ? 2 : (c < 0x80) ? 1 : 6;
			}
		}
		return bytes;
	}

}
