package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource({
            "*,                    '',                          true",
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
            "'',                   x,                           false",
    })
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
        // KELVIN SIGN lower-cases to 'k' and LATIN SMALL LETTER LONG S upper-cases to 'S' in Java's Unicode rules
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
}
