package org.tessera.oauth.token;

import java.time.Duration;
import java.util.Objects;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.jose.SignedJwtProcessor;
import org.tessera.oauth.key.SigningKeys;

/**
 * Verifies access tokens issued by this server without any network call: signature against the
 * server's own keys, RFC 9068 shape ({@code typ}, issuer, audience, expiry, {@code jti},
 * {@code client_id}), the revocation list, and that the principal still exists and may hold
 * tokens. Used by the management API, introspection, revocation and token exchange.
 */
@Component
public class AccessTokenDecoder implements JwtDecoder {

	private final NimbusJwtDecoder decoder;

	public AccessTokenDecoder(SigningKeys keys, TesseraProperties properties, RevocationList revocations,
			TokenIdentityResolver identities) {
		this.decoder = new NimbusJwtDecoder(SignedJwtProcessor.verifyingWith(keys.allKeys()));
		OAuth2TokenValidator<Jwt> notRevoked = (jwt) -> (jwt.getId() != null && revocations.isRevoked(jwt.getId()))
				? OAuth2TokenValidatorResult
					.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "the token was revoked", null))
				: OAuth2TokenValidatorResult.success();
		// Only this server's own tokens come here, stamped by this server's clock: Spring's default
		// 60 s of clock skew would keep every token usable for a minute after it expired.
		OAuth2TokenValidator<Jwt> expiry = new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtTimestampValidator(Duration.ZERO));
		OAuth2TokenValidator<Jwt> principalActive = (jwt) -> (jwt.getIssuedAt() != null && PrincipalRef
			.fromCrn(jwt.getSubject())
			.filter((principal) -> identities.isActive(principal, jwt.getIssuedAt()))
			.isPresent()) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
							"the token's principal no longer exists or may not hold tokens", null));
		this.decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.tokens().audience())
			.validators((validators) -> {
				validators.put(JwtClaimNames.EXP, expiry);
				validators.put("revocation", notRevoked);
				validators.put("principal", principalActive);
			})
			.build());
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return this.decoder.decode(token);
	}

}
