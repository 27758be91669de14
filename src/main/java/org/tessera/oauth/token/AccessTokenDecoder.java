package org.tessera.oauth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * Verifies access tokens issued by this server without any network call: signature
 * against the server's own keys, RFC 9068 shape ({@code typ}, issuer, audience, expiry,
 * {@code jti}, {@code client_id}), the revocation list, and that the principal and every
 * actor of its {@code act} chain still exist and may hold tokens. Used by the management
 * API, introspection and token exchange; revocation uses {@link #decodeForRevocation}.
 */
@Component
public class AccessTokenDecoder implements JwtDecoder {

	private final NimbusJwtDecoder decoder;

	private final NimbusJwtDecoder revocationDecoder;

	public AccessTokenDecoder(SigningKeys keys, TesseraProperties properties, RevocationList revocations,
			TokenIdentityResolver identities) {
		this.decoder = verifying(keys, properties,
				Map.of("revocation", notRevoked(revocations), "principal", principalsActive(identities)));
		this.revocationDecoder = verifying(keys, properties, Map.of());
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return this.decoder.decode(token);
	}

	/**
	 * Decodes a token to be revoked: issued here and unexpired, whoever it speaks for
	 * now, so that a token of a disabled or deleted principal stays revoked when the
	 * principal comes back.
	 */
	public Jwt decodeForRevocation(String token) throws JwtException {
		return this.revocationDecoder.decode(token);
	}

	private static NimbusJwtDecoder verifying(SigningKeys keys, TesseraProperties properties,
			Map<String, OAuth2TokenValidator<Jwt>> extra) {
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(SignedJwtProcessor.verifyingWith(keys.allKeys()));
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.tokens().audience())
			.validators((validators) -> {
				validators.put(JwtClaimNames.EXP, expiry());
				validators.putAll(extra);
			})
			.build());
		return decoder;
	}

	/**
	 * Only this server's own tokens come here, stamped by this server's clock: Spring's
	 * default 60 s of clock skew would keep every token usable for a minute after it
	 * expired.
	 */
	private static OAuth2TokenValidator<Jwt> expiry() {
		return new DelegatingOAuth2TokenValidator<>(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtTimestampValidator(Duration.ZERO));
	}

	private static OAuth2TokenValidator<Jwt> notRevoked(RevocationList revocations) {
		return (jwt) -> (jwt.getId() != null && revocations.isRevoked(jwt.getId())) ? invalid("the token was revoked")
				: OAuth2TokenValidatorResult.success();
	}

	/**
	 * The subject and every actor it acts for, each still active since the token was
	 * issued.
	 */
	private static OAuth2TokenValidator<Jwt> principalsActive(TokenIdentityResolver identities) {
		return (jwt) -> {
			Instant issuedAt = jwt.getIssuedAt();
			boolean active = issuedAt != null && chainOf(jwt)
				.filter((chain) -> chain.stream().allMatch((crn) -> isActive(crn, issuedAt, identities)))
				.isPresent();
			return active ? OAuth2TokenValidatorResult.success()
					: invalid("the token's principal or one of its actors no longer exists or may not hold tokens");
		};
	}

	/**
	 * The CRNs of {@code sub} and of each {@code act.sub} (RFC 8693 section 4.1); empty
	 * when malformed.
	 */
	private static Optional<List<String>> chainOf(Jwt jwt) {
		return ActorChain.subjects(jwt.getClaim(AccessTokenClaims.ACTOR)).map((actors) -> {
			List<String> chain = new ArrayList<>();
			chain.add(jwt.getSubject());
			chain.addAll(actors);
			return chain;
		});
	}

	private static boolean isActive(String crn, Instant issuedAt, TokenIdentityResolver identities) {
		return crn != null && PrincipalRef.fromCrn(crn)
			.filter((principal) -> identities.isActive(principal, issuedAt))
			.isPresent();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
