package org.tessera.enforcement;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header only (RFC 6750 section
 * 2.1), with the same answers as Spring's {@code DefaultBearerTokenResolver} in its
 * default set-up, but checks the {@code b64token} syntax with a loop: Spring's regular
 * expression over the token was a large share of vServer's CPU per authorised request
 * (src/site/markdown/decisions/0010-vserver-per-request-work.md).
 */
public class HeaderBearerTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	/**
	 * The characters of {@code b64token} apart from the trailing {@code =}, by ASCII
	 * code.
	 */
	private static final boolean[] B64TOKEN = b64TokenChars();

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
			return null;
		}
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| !isB64Token(authorization, SCHEME.length())) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(SCHEME.length());
	}

	/**
	 * {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} from
	 * {@code from} to the end.
	 */
	static boolean isB64Token(String text, int from) {
		int end = text.length();
		while (end > from && text.charAt(end - 1) == '=') {
			end--;
		}
		if (end == from) {
			return false;
		}
		for (int i = from; i < end; i++) {
			char c = text.charAt(i);
			if (c >= B64TOKEN.length || !B64TOKEN[c]) {
				return false;
			}
		}
		return true;
	}

	private static boolean[] b64TokenChars() {
		boolean[] allowed = new boolean[128];
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/".chars()
			.forEach((c) -> allowed[c] = true);
		return allowed;
	}

}
