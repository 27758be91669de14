package org.tessera.oauth.token;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.tessera.policy.Statement;

/**
 * Keeps every access token small enough for the servers that receive it: the {@code perms} claim
 * may take at most {@value #MAX_BYTES} bytes of JSON, so that with the other claims, base64url and
 * the signature a token stays well inside the 64 KB request headers Tessera and vServer accept. A
 * principal whose statements are larger gets no token, with an error that says why, rather than a
 * token every resource server refuses with a bare 400.
 */
final class PermsSizeLimit {

	static final int MAX_BYTES = 32 * 1024;

	/** {@code {"effect":"","actions":[],"resources":[]}} and a comma between statements. */
	private static final int STATEMENT_OVERHEAD = 42;

	private PermsSizeLimit() {
	}

	/** Refuses (RFC 6749 {@code invalid_request}) statements whose JSON would exceed the limit. */
	static void check(List<Statement> statements) {
		long bytes = jsonBytes(statements);
		if (bytes > MAX_BYTES) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"the principal's policies take about " + bytes + " bytes in a token, more than " + MAX_BYTES
							+ "; detach some or make them shorter",
					null));
		}
	}

	/** An upper bound of the UTF-8 length of the statements as a JSON array. */
	static long jsonBytes(List<Statement> statements) {
		long bytes = 2;
		for (Statement statement : statements) {
			bytes += STATEMENT_OVERHEAD + statement.effect().jsonName().length() + patternBytes(statement.actions())
					+ patternBytes(statement.resources());
		}
		return bytes;
	}

	private static long patternBytes(List<String> patterns) {
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
