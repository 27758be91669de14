package org.tessera.policy;

/**
 * A compiled wildcard pattern: {@code *} matches any sequence of characters (colons and slashes included),
 * {@code ?} exactly one character, every other character itself. Matching is iterative, backtracking only to
 * the last star seen, so it takes at most pattern length times text length steps and never allocates.
 */
final class WildcardPattern {

    private final String pattern;
    private final boolean ignoreAsciiCase;
    private final boolean matchesEverything;

    private WildcardPattern(String pattern, boolean ignoreAsciiCase) {
        this.pattern = pattern;
        this.ignoreAsciiCase = ignoreAsciiCase;
        this.matchesEverything = !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
    }

    /** A pattern whose literal characters must match exactly, as for resource names. */
    static WildcardPattern caseSensitive(String pattern) {
        return new WildcardPattern(pattern, false);
    }

    /** A pattern whose ASCII letters match either case, as for actions; the pattern is lower-cased once here. */
    static WildcardPattern ignoringAsciiCase(String pattern) {
        StringBuilder folded = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            folded.append(foldAscii(pattern.charAt(i)));
        }
        return new WildcardPattern(folded.toString(), true);
    }

    boolean matches(String text) {
        if (matchesEverything) {
            return true;
        }
        int p = 0;
        int t = 0;
        int lastStar = -1;
        int textAtLastStar = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                lastStar = p++;
                textAtLastStar = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == fold(text.charAt(t)))) {
                p++;
                t++;
            } else if (lastStar >= 0) {
                p = lastStar + 1;
                t = ++textAtLastStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private char fold(char c) {
        return ignoreAsciiCase ? foldAscii(c) : c;
    }

    private static char foldAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
