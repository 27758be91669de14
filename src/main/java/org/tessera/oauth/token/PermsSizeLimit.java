package org.tessera.oauth.token;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.tessera.policy.PermsLimits;
import org.tessera.policy.Statement;

/**
 * Keeps every access token small enough for the servers that receive it: the
 * {@code perms} claim may take at most {@value #MAX_BYTES} bytes of JSON, so that with
 * the other claims, base64url and the signature a token stays well inside the 64 KB
 * request headers Tessera and vServer accept, and hold at most
 * {@value PermsLimits#MAX_PATTERNS} patterns, so that evaluating it stays cheap. A
 * principal whose statements are larger gets no token, with an error that says why,
 * rather than a token every resource server refuses with a bare 400. Attaching and
 * changing policies already keeps principals within these limits ({@link PermsLimits});
 * this holds for principals made before that.
 */
final class PermsSizeLimit {

	static final int MAX_BYTES = PermsLimits.MAX_JSON_BYTES;

	private PermsSizeLimit() {
	}

	/**
	 * Refuses (RFC 6749 {@code invalid_request}) statements whose JSON would exceed the
	 * limits.
	 */
	static void check(List<Statement> statements) {
		check(statements, null);
	}

	/**
	 * The same for the principal's statements and a session policy's together: the token
	 * carries both.
	 */
	static void check(List<Statement> statements, @Nullable List<Statement> session) {
		List<Statement> all = statements;
		if (session != null) {
			all = new java.util.ArrayList<>(statements);
			all.addAll(session);
		}
		String excess = PermsLimits.excess(jsonBytes(all), PermsLimits.patterns(all));
		if (excess != null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"the principal's policies " + excess + "; detach some or make them shorter", null));
		}
	}

	/** An upper bound of the UTF-8 length of the statements as a JSON array. */
	static long jsonBytes(List<Statement> statements) {
		return PermsLimits.jsonBytes(statements);
	}

}
