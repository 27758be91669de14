package org.tessera.oauth.token;

import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * RFC 7662 introspection of Tessera's self-contained access tokens, with no token store: a
 * token is active when {@link AccessTokenDecoder} accepts it. Anything else, including garbage,
 * is {@code {"active": false}}.
 */
public final class JwtIntrospectionProvider implements AuthenticationProvider {

	private final AccessTokenDecoder decoder;

	public JwtIntrospectionProvider(AccessTokenDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		OAuth2TokenIntrospection claims = introspect(request.getToken());
		return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client, claims);
	}

	private OAuth2TokenIntrospection introspect(String token) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			return OAuth2TokenIntrospection.builder().build();
		}
		Map<String, Object> claims = jwt.getClaims();
		return OAuth2TokenIntrospection.withClaims(claims).active(true).tokenType("Bearer").build();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
