package org.tessera.account;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer tokens of management calls, except at sign-up: there the bearer is the operator
 * key ({@link SignUpGate}), not an access token, and must not be read as one.
 */
public final class SignUpBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver accessTokens = new DefaultBearerTokenResolver();

	private final RequestMatcher signUp = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/iam/v1/accounts");

	@Override
	public String resolve(HttpServletRequest request) {
		return this.signUp.matches(request) ? null : this.accessTokens.resolve(request);
	}

}
