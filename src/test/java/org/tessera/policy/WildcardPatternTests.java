package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTests {

	@ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
	@CsvSource({ "*,                    '',                          true",
			"*,                    crn:iam:60108:user/a/b,      true",
			"crn:iam:*,            crn:iam:60108:user/a/b,      true",
			"crn:*:60108:user/*,   crn:iam:60108:user/a/b,      true",
			"crn:*:60108:user/*,   crn:iam:60109:user/a,        false",
			"*/b,                  crn:iam:60108:user/a/b,      true",
			"user/*b,              user/b,                      true",
			"user/*b,              user/bc,                     false",
			"a**b,                 ab,                          true",
			"a**b,                 axxb,                        true",
			"user/?,               user/a,                      true",
			"user/?,               user/,                       false",
			"user/?,               user/ab,                     false",
			"user/??,              user/ab,                     true",
			"?*,                   '',                          false",
			"?*,                   x,                           true",
			"crn:iam:6010?:root,   crn:iam:60108:root,          true",
			"crn:iam:6010?:root,   crn:iam:601088:root,         false",
			"exact,                exact,                       true",
			"exact,                exactly,                     false",
			"exact,                exac,                        false",
			"'',                   '',                          true",
			"'',                   x,                           false", })
	void starMatchesAnySequenceAndQuestionMarkExactlyOneCharacter(String pattern, String text, boolean expected) {
		assertThat(WildcardPattern.caseSensitive(pattern).matches(text)).isEqualTo(expected);
	}

	@Test
	void caseSensitivePatternsMatchLettersOnlyInTheSameCase() {
		WildcardPattern pattern = WildcardPattern.caseSensitive("crn:iam:60108:user/System*");

		assertThat(pattern.matches("crn:iam:60108:user/System1")).isTrue();
		assertThat(pattern.matches("crn:iam:60108:user/system1")).isFalse();
		assertThat(pattern.matches("CRN:iam:60108:user/System1")).isFalse();
	}

	@Test
	void caseInsensitivePatternsMatchAsciiLettersInEitherCase() {
		WildcardPattern pattern = WildcardPattern.ignoringAsciiCase("iam:Get*User");

		assertThat(pattern.matches("iam:GetUser")).isTrue();
		assertThat(pattern.matches("IAM:GETSERVICEUSER")).isTrue();
		assertThat(pattern.matches("iam:getuser")).isTrue();
		assertThat(pattern.matches("iam:PutUser")).isFalse();
	}

	@Test
	void caseInsensitivePatternsDoNotFoldLookAlikeUnicodeLetters() {
		// KELVIN SIGN lower-cases to 'k' and LATIN SMALL LETTER LONG S upper-cases to 'S'
		// in Java's Unicode rules
		assertThat(WildcardPattern.ignoringAsciiCase("iam:GetKey").matches("iam:Get\u212Aey")).isFalse();
		assertThat(WildcardPattern.ignoringAsciiCase("iam:GetSecret").matches("iam:Get\u017Fecret")).isFalse();
	}

	@Test
	void patternWithManyStarsDecidesCorrectlyOnALongText() {
		WildcardPattern pattern = WildcardPattern.caseSensitive("a*a*a*a*a*a*a*a*a*a*a*a*b");
		String longRunOfA = "a".repeat(50_000);

		assertThat(pattern.matches(longRunOfA)).isFalse();
		assertThat(pattern.matches(longRunOfA + "b")).isTrue();
		assertThat(pattern.matches(longRunOfA + "ba")).isFalse();
	}

	@Test
	void patternWithManyQuestionMarksAndStarsDecidesCorrectlyOnALongText() {
		WildcardPattern pattern = WildcardPattern.caseSensitive("*?*?*?*?*?*?*?*?*x");
		String longText = "y".repeat(50_000);

		assertThat(pattern.matches(longText)).isFalse();
		assertThat(pattern.matches(longText + "x")).isTrue();
		assertThat(pattern.matches("yyyyyyyx")).isFalse();
		assertThat(pattern.matches("yyyyyyyyx")).isTrue();
	}

	@Test
	void matchesExactlyAsARegularExpressionOnManyRandomPatternsAndTexts() {
		Random random = new Random(20261206L);
		String alphabet = "ab?*";
		for (int run = 0; run < 200_000; run++) {
			String pattern = randomText(random, alphabet, random.nextInt(12));
			String text = randomText(random, "abAB", random.nextInt(14));
			boolean caseSensitive = WildcardPattern.caseSensitive(pattern).matches(text);
			boolean ignoringCase = WildcardPattern.ignoringAsciiCase(pattern).matches(text);

			assertThat(caseSensitive).as("\"%s\" on \"%s\"", pattern, text)
				.isEqualTo(reference(pattern, false).matcher(text).matches());
			assertThat(ignoringCase).as("\"%s\" on \"%s\" ignoring case", pattern, text)
				.isEqualTo(reference(pattern, true).matcher(text).matches());
		}
	}

	@Test
	void piecesLongerThanSixtyFourCharactersMatchAsARegularExpression() {
		Random random = new Random(7L);
		for (int run = 0; run < 3_000; run++) {
			String piece = randomText(random, "ab?", 60 + random.nextInt(150));
			String pattern = (random.nextBoolean() ? "*" : "") + piece + "*"
					+ randomText(random, "ab?", random.nextInt(3)) + "*" + piece + (random.nextBoolean() ? "*" : "");
			String text = randomText(random, "ab", random.nextInt(500));
			if (random.nextInt(3) == 0) {
				text = text + piece.replace('?', 'b') + text + piece.replace('?', 'a') + text;
			}

			assertThat(WildcardPattern.caseSensitive(pattern).matches(text)).as("\"%s\" on \"%s\"", pattern, text)
				.isEqualTo(reference(pattern, false).matcher(text).matches());
		}
	}

	@Test
	void adversarialPatternsTakeTimeLinearInTheText() {
		String text = "a".repeat(1_000_000);
		List<String> patterns = List.of("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b*",
				"*" + "a".repeat(500) + "b*", "*" + "?".repeat(500) + "b*", "*" + "a?".repeat(250) + "b*",
				"*" + "aaaaaaaaab*".repeat(40));
		for (String adversarial : patterns) {
			WildcardPattern pattern = WildcardPattern.caseSensitive(adversarial);
			long start = System.nanoTime();

			assertThat(pattern.matches(text)).as(adversarial).isFalse();

			// backtracking would take about 1,000,000 x 500 steps, seconds; linear
			// matching takes milliseconds
			assertThat(System.nanoTime() - start).as(adversarial).isLessThan(500_000_000L);
		}
	}

	/**
	 * The specification: {@code *} is {@code .*}, {@code ?} is {@code .}, every other
	 * character itself.
	 */
	private static Pattern reference(String wildcards, boolean ignoreAsciiCase) {
		StringBuilder regex = new StringBuilder();
		for (char c : wildcards.toCharArray()) {
			regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreAsciiCase ? Pattern.CASE_INSENSITIVE : 0));
	}

	private static String randomText(Random random, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
