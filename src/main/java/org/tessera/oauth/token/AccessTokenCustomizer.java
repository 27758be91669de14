package org.tessera.oauth.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.oauth.key.SigningKeys;
import org.tessera.oauth.login.PersonPrincipal;
import org.tessera.policy.Statement;

/**
 * Turns the JWTs Spring Authorization Server generates into Tessera's RFC 9068 access
 * tokens: header {@code typ: at+jwt} and the active key, the principal's CRN as
 * {@code sub}, the shared audience, {@code client_id}, {@code acct}, {@code perms} and,
 * when impersonating, {@code act}. Every byte of a token is carried by every request that
 * uses it, so the token has no {@code nbf} (RFC 9068 does not ask for it, and it would
 * equal {@code iat}) and its {@code jti} is 128 random bits in 22 characters rather than
 * a 36-character UUID.
 */
@Component
public class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private static final int TOKEN_ID_BYTES = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SigningKeys keys;

	private final TokenIdentityResolver identities;

	private final String audience;

	private final TokenNarrowingParameters narrowingParameters;

	public AccessTokenCustomizer(SigningKeys keys, TokenIdentityResolver identities, TesseraProperties properties,
			TokenNarrowingParameters narrowingParameters) {
		this.keys = keys;
		this.identities = identities;
		this.audience = properties.tokens().audience();
		this.narrowingParameters = narrowingParameters;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().algorithm(this.keys.algorithm()).keyId(this.keys.activeKeyId());
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		TokenNarrowing narrowing = narrowingOf(context);
		TokenIdentity identity = identityOf(context);
		PermsSizeLimit.check(identity.perms(), narrowing.sessionPolicy());
		checkValidFromTheStart(identity.principal(), context.getClaims().build().getIssuedAt());
		context.getJwsHeader().type(AccessTokenClaims.TYPE);
		context.getClaims()
			.subject(identity.principal().crn().toString())
			.audience((narrowing.audience() != null) ? narrowing.audience() : List.of(this.audience))
			.claim(AccessTokenClaims.CLIENT_ID, context.getRegisteredClient().getClientId())
			.claim(AccessTokenClaims.ACCOUNT, identity.principal().account().value())
			.claim(AccessTokenClaims.PERMS, identity.perms().stream().map(Statement::toJson).toList())
			.id(newTokenId())
			.claims((claims) -> claims.remove(JwtClaimNames.NBF));
		if (identity.actor() != null) {
			context.getClaims().claim(AccessTokenClaims.ACTOR, identity.actor());
		}
		if (context.getAuthorizationGrant() instanceof TokenIdentitySource source && source.displayName() != null) {
			context.getClaims().claim(AccessTokenClaims.DISPLAY_NAME, source.displayName());
		}
		if (narrowing.sessionPolicy() != null) {
			context.getClaims()
				.claim(AccessTokenClaims.SESSION_PERMS,
						narrowing.sessionPolicy().stream().map(Statement::toJson).toList());
		}
		context.getClaims().expiresAt(expiresAt(context.getClaims().build(), identity, narrowing));
	}

	/**
	 * The expiry a grant decided (a token exchange weighs the actor token, the trust
	 * entry and the service account itself); else the lifetime asked for, or the client's
	 * usual one, and never more than the identity's longest.
	 */
	private static Instant expiresAt(JwtClaimsSet claims, TokenIdentity identity, TokenNarrowing narrowing) {
		if (identity.notAfter() != null) {
			return identity.notAfter();
		}
		Instant issuedAt = claims.getIssuedAt();
		Instant expiresAt = (narrowing.requestedLifetime() != null) ? issuedAt.plus(narrowing.requestedLifetime())
				: claims.getExpiresAt();
		if (identity.maxLifetime() != null && issuedAt.plus(identity.maxLifetime()).isBefore(expiresAt)) {
			expiresAt = issuedAt.plus(identity.maxLifetime());
		}
		return expiresAt;
	}

	/**
	 * Client credentials reads the narrowing parameters Spring's converter kept; a token
	 * exchange has read them already.
	 */
	private TokenNarrowing narrowingOf(JwtEncodingContext context) {
		if (context.getAuthorizationGrant() instanceof TokenIdentitySource source) {
			return source.narrowing();
		}
		if (context.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken grant
				&& !grant.getAdditionalParameters().isEmpty()) {
			return this.narrowingParameters.read(grant.getAdditionalParameters());
		}
		return TokenNarrowing.NONE;
	}

	/**
	 * Refuses a token that would be invalid from the moment it is issued: its {@code iat}
	 * counts whole seconds (the time is cut, not rounded), and a service account enabled
	 * or undeleted within the second of its latest disable or delete cannot yet be told
	 * apart from its own tokens of before that. It can get tokens again from the next
	 * second on.
	 */
	private void checkValidFromTheStart(PrincipalRef principal, @Nullable Instant issuedAt) {
		if (principal.kind() == PrincipalRef.Kind.SERVICE_ACCOUNT && issuedAt != null
				&& !this.identities.isActive(principal, issuedAt.truncatedTo(ChronoUnit.SECONDS))) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"the service account was disabled or deleted within this second; retry in a second", null));
		}
	}

	private static String newTokenId() {
		byte[] bytes = new byte[TOKEN_ID_BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private TokenIdentity identityOf(JwtEncodingContext context) {
		if (context.getAuthorizationGrant() instanceof TokenIdentitySource source) {
			return source.tokenIdentity();
		}
		Authentication principal = context.getPrincipal();
		if (principal instanceof OAuth2ClientAuthenticationToken client) {
			return this.identities.forServiceAccount(client.getRegisteredClient().getClientId())
				.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT));
		}
		if (principal.getPrincipal() instanceof PersonPrincipal person) {
			return forPerson(person.principal(), principal);
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
	}

	/**
	 * The identity of the person who logged in, only while that person still exists: a
	 * login older than the user's deletion speaks neither for the deleted user nor for a
	 * new user given the same name (RFC 6749 section 5.2: the grant was issued to someone
	 * else).
	 */
	private TokenIdentity forPerson(PrincipalRef person, Authentication login) {
		boolean active = PersonPrincipal.loggedInAt(login)
			.filter((loggedInAt) -> this.identities.isActive(person, loggedInAt))
			.isPresent();
		if (!active) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"the person who logged in no longer exists; log in again", null));
		}
		return this.identities.forPrincipal(person);
	}

}
