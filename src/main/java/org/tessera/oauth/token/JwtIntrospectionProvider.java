package org.tessera.oauth.token;

import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.tessera.account.AccountId;

/**
 * RFC 7662 introspection of Tessera's self-contained access tokens, with no token store,
 * for confidential clients only (resource servers are service accounts; the public client
 * cannot introspect). A token is active when {@link AccessTokenDecoder} accepts it and it
 * concerns the caller's account: its {@code acct} is that account, or one actor of its
 * {@code act} chain belongs to it (RFC 7662 section 4 lets the server decide which tokens
 * a caller may see). Anything else, a valid token of another tenant as much as garbage,
 * is exactly {@code {"active": false}}.
 */
public final class JwtIntrospectionProvider implements AuthenticationProvider {

	private final AccessTokenDecoder decoder;

	private final TokenIdentityResolver identities;

	public JwtIntrospectionProvider(AccessTokenDecoder decoder, TokenIdentityResolver identities) {
		this.decoder = decoder;
		this.identities = identities;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		AccountId caller = callerAccount(request);
		OAuth2TokenIntrospection claims = introspect(request.getToken(), caller);
		return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(),
				(OAuth2ClientAuthenticationToken) request.getPrincipal(), claims);
	}

	/**
	 * The account of the authenticated confidential client (RFC 7662 section 2.1), else
	 * {@code invalid_client}.
	 */
	private AccountId callerAccount(OAuth2TokenIntrospectionAuthenticationToken request) {
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null
				|| ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		return this.identities.accountOfServiceAccount(client.getRegisteredClient().getClientId())
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT));
	}

	private OAuth2TokenIntrospection introspect(String token, AccountId caller) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			return inactive();
		}
		if (!concerns(jwt, caller)) {
			return inactive();
		}
		Map<String, Object> claims = jwt.getClaims();
		return OAuth2TokenIntrospection.withClaims(claims).active(true).tokenType("Bearer").build();
	}

	/**
	 * Whether the token speaks for the caller's account or was obtained by an actor of
	 * it.
	 */
	private static boolean concerns(Jwt jwt, AccountId caller) {
		if (caller.value().equals(jwt.getClaimAsString(AccessTokenClaims.ACCOUNT))) {
			return true;
		}
		return ActorChain.accounts(jwt.getClaim(AccessTokenClaims.ACTOR))
			.map((accounts) -> accounts.contains(caller.value()))
			.orElse(false);
	}

	private static OAuth2TokenIntrospection inactive() {
		return OAuth2TokenIntrospection.builder().build();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
