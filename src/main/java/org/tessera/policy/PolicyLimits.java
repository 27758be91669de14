package org.tessera.policy;

/**
 * The size limits a {@link PolicyParser} enforces on documents it reads, so that stored
 * policies and the statements carried in tokens stay small and cheap to evaluate. Lengths
 * count UTF-16 characters.
 *
 * @param maxNameLength longest policy name
 * @param maxDescriptionLength longest policy description
 * @param maxStatements most statements in one policy document (a statement list read on
 * its own, such as the union carried in a token, is not capped by this)
 * @param maxActionsPerStatement most action patterns in one statement
 * @param maxResourcesPerStatement most resource patterns in one statement
 * @param maxPatternLength longest action or resource pattern; at most 512, because a
 * {@link Statement} itself refuses longer patterns whoever builds it
 */
public record PolicyLimits(int maxNameLength, int maxDescriptionLength, int maxStatements, int maxActionsPerStatement,
		int maxResourcesPerStatement, int maxPatternLength) {

	/** The longest pattern any statement may hold. */
	private static final int PATTERN_LENGTH_CEILING = 512;

	/**
	 * The limits of the product: names 128, descriptions 1000, 50 statements, 50 actions,
	 * 50 resources, patterns 512.
	 */
	public static final PolicyLimits DEFAULT = new PolicyLimits(128, 1000, 50, 50, 50, PATTERN_LENGTH_CEILING);

	/**
	 * @throws IllegalArgumentException if a limit is below 1, or {@code maxPatternLength}
	 * is above 512
	 */
	public PolicyLimits {
		requirePositive("maxNameLength", maxNameLength);
		requirePositive("maxDescriptionLength", maxDescriptionLength);
		requirePositive("maxStatements", maxStatements);
		requirePositive("maxActionsPerStatement", maxActionsPerStatement);
		requirePositive("maxResourcesPerStatement", maxResourcesPerStatement);
		requirePositive("maxPatternLength", maxPatternLength);
		if (maxPatternLength > PATTERN_LENGTH_CEILING) {
			throw new IllegalArgumentException("maxPatternLength must be at most " + PATTERN_LENGTH_CEILING);
		}
	}

	private static void requirePositive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1");
		}
	}
}
