package org.tessera.oauth.token;

import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * RFC 7009 revocation of self-contained access tokens: puts the token's {@code jti} on
 * the {@link RevocationList} until it expires. A client may revoke only tokens issued to
 * it (section 2.1); a token that is invalid or already expired needs no revoking and is
 * answered 200 as the RFC asks. A token whose principal is disabled or deleted is revoked
 * all the same, so it stays dead when the principal is enabled or undeleted.
 */
public final class JwtRevocationProvider implements AuthenticationProvider {

	private final AccessTokenDecoder decoder;

	private final RevocationList revocations;

	public JwtRevocationProvider(AccessTokenDecoder decoder, RevocationList revocations) {
		this.decoder = decoder;
		this.revocations = revocations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decodeForRevocation(request.getToken());
		}
		catch (JwtException ex) {
			return new OAuth2TokenRevocationAuthenticationToken(request.getToken(), client, null);
		}
		String issuedTo = jwt.getClaimAsString(AccessTokenClaims.CLIENT_ID);
		if (!client.getRegisteredClient().getClientId().equals(issuedTo)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		Instant expiresAt = jwt.getExpiresAt();
		this.revocations.revoke(jwt.getId(), expiresAt, issuedTo);
		OAuth2AccessToken revoked = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
				jwt.getIssuedAt(), expiresAt);
		return new OAuth2TokenRevocationAuthenticationToken(revoked, client);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
