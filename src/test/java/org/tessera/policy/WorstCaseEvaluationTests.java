package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/**
 * The most a principal may hold ({@link PermsLimits}: 32 KB of JSON, 1,000 patterns, each
 * at most 512 characters), with patterns built to be as slow as possible, against the
 * longest resource name any request can make (a service account CRN with a 20-digit
 * account and a 128-character id; vServer's are shorter), is decided in well under a
 * millisecond.
 */
class WorstCaseEvaluationTests {

	private static final String ACCOUNT = "1".repeat(20);

	/** The longest CRN a management call or a vServer request is checked against. */
	private static final String LONGEST_RESOURCE = "crn:iam:" + ACCOUNT + ":service-account/" + "a".repeat(128);

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	@Test
	void theWorstAllowedStatementsAgainstTheLongestResourceAreDecidedInUnderAMillisecond() {
		List<List<Statement>> adversarial = List.of(
				// a thousand short star chains: every piece is found, the last one after
				// reading the whole text
				mostOf((i) -> "crn:" + "*a".repeat(11) + "*b*"),
				// as many bit-parallel searches for a piece with ? that is never found
				mostOf((i) -> "crn:*" + "?".repeat(21) + "b*"),
				// the longest patterns that could still match the text: long star chains
				// and long pieces
				mostOf((i) -> "crn:" + "*a".repeat(80) + "*b*"), mostOf((i) -> "crn:*" + "?".repeat(160) + "b*"),
				mostOf((i) -> "crn:*" + "a".repeat(160) + "b*"), mostOf((i) -> "crn:*" + "a?".repeat(80) + "b*"),
				// patterns too long for the text, refused at once whatever they hold
				mostOf((i) -> "crn:*" + "a?*".repeat(168) + "b"));
		long worst = 0;
		for (List<Statement> statements : adversarial) {
			assertThat(PermsLimits.excess(PermsLimits.jsonBytes(statements), PermsLimits.patterns(statements)))
				.as("a principal may hold these")
				.isNull();
			long median = medianNanos(statements);
			worst = Math.max(worst, median);
			System.out.printf("worst-case evaluation: %s... x %d: median %d ns%n",
					statements.get(0).resources().get(0).substring(0, 20), PermsLimits.patterns(statements), median);
		}

		assertThat(worst).as("median nanoseconds of the slowest set").isLessThan(1_000_000L);
	}

	private long medianNanos(List<Statement> statements) {
		for (int i = 0; i < 1_000; i++) {
			decide(statements);
		}
		long[] runs = new long[301];
		for (int i = 0; i < runs.length; i++) {
			long start = System.nanoTime();
			Decision decision = decide(statements);
			runs[i] = System.nanoTime() - start;
			assertThat(decision).isEqualTo(Decision.IMPLICIT_DENY);
		}
		Arrays.sort(runs);
		return runs[runs.length / 2];
	}

	private Decision decide(List<Statement> statements) {
		return evaluator.evaluate(ACCOUNT, statements, "iam:GetServiceAccount", LONGEST_RESOURCE);
	}

	/**
	 * As many of these patterns as a principal may hold, in Deny statements of every
	 * action.
	 */
	private static List<Statement> mostOf(IntFunction<String> pattern) {
		int fits = 1;
		int tooMany = PermsLimits.MAX_PATTERNS + 1;
		while (tooMany - fits > 1) {
			int count = (fits + tooMany) / 2;
			List<Statement> statements = denyAll(count, pattern);
			if (PermsLimits.excess(PermsLimits.jsonBytes(statements), PermsLimits.patterns(statements)) == null) {
				fits = count;
			}
			else {
				tooMany = count;
			}
		}
		return denyAll(fits, pattern);
	}

	/**
	 * Deny statements of every action, 50 resource patterns each, {@code count} resource
	 * patterns in all.
	 */
	private static List<Statement> denyAll(int count, IntFunction<String> pattern) {
		List<Statement> statements = new ArrayList<>();
		for (int first = 0; first < count; first += 50) {
			List<String> resources = new ArrayList<>();
			for (int i = first; i < Math.min(count, first + 50); i++) {
				resources.add(pattern.apply(i));
			}
			statements.add(new Statement(Effect.DENY, List.of("*"), resources));
		}
		return statements;
	}

}
