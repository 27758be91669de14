package org.tessera.enforcement;

import java.util.function.Predicate;

/**
 * The header values Spring's {@code StrictHttpFirewall} accepts by default, assigned code
 * points that are not control characters (tab allowed), checked with a loop instead of
 * its regular expression, which walked every character of the bearer token with a regex
 * engine on every request (src/site/markdown/decisions/0010-vserver-per-request-work.md).
 */
public final class AllowedHeaderValues implements Predicate<String> {

	@Override
	public boolean test(String value) {
		for (int i = 0; i < value.length();) {
			char c = value.charAt(i);
			if (c >= ' ' && c < 0x7f) { // printable ASCII, the whole of a bearer token
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			if (Character.getType(codePoint) == Character.UNASSIGNED
					|| (Character.isISOControl(codePoint) && codePoint != '\t')) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
