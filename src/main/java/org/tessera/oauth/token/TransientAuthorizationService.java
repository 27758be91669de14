package org.tessera.oauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only what an authorization-code login needs, in a bounded, expiring store
 * ({@link PendingAuthorizations}: this process's memory on H2, the shared database on
 * PostgreSQL, so that a login started on one node finishes on another): between its two
 * legs (state and code), and once the code is redeemed, until the access token issued
 * from it expires, so that a second use of the code is recognised. Spring Authorization
 * Server then invalidates that access token (RFC 6749 section 4.1.2) and saves the
 * authorization; this service puts the token's {@code jti} on the {@link RevocationList},
 * so it is inactive everywhere this server checks tokens. A redeemed login keeps the
 * token's {@code jti} and expiry as its claims, not the whole claim set. Authorizations
 * that hold nothing but self-contained access tokens (client credentials, token exchange)
 * are not stored at all: introspection and revocation work from the JWT, so issuing a
 * token writes nothing. In memory, a restart forgets logins in progress, which the user
 * simply retries, and redeemed codes, whose reuse then is refused without revoking.
 */
public final class TransientAuthorizationService implements OAuth2AuthorizationService {

	private static final String STATE = "state:";

	private static final String CODE = "code:";

	private static final String ID = "id:";

	private final PendingAuthorizations pending;

	private final RevocationList revocations;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * Kept in this process's memory: for a single node.
	 * @param lifetime how long a login in progress is kept
	 * @param maximumSize the most entries kept (each login takes up to three)
	 * @param revocations where the access token of a reused code is revoked
	 * @param clock the clock access tokens' expiry is measured against
	 */
	public TransientAuthorizationService(Duration lifetime, long maximumSize, RevocationList revocations, Clock clock) {
		this(new InMemoryPendingAuthorizations(maximumSize), lifetime, revocations, clock);
	}

	/**
	 * Kept in {@code pending}, e.g. the database that several nodes share.
	 * @param lifetime how long a login in progress is kept
	 * @param revocations where the access token of a reused code is revoked
	 * @param clock the clock access tokens' expiry is measured against
	 */
	public TransientAuthorizationService(PendingAuthorizations pending, Duration lifetime, RevocationList revocations,
			Clock clock) {
		this.pending = pending;
		this.lifetime = lifetime;
		this.revocations = revocations;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (state == null && code == null) {
			return;
		}
		revokeInvalidatedAccessToken(authorization);
		OAuth2Authorization kept = withSlimAccessTokenClaims(authorization);
		Duration keep = keep(kept);
		this.pending.put(ID + kept.getId(), kept, keep);
		if (state != null) {
			this.pending.put(STATE + state, kept, keep);
		}
		if (code != null) {
			this.pending.put(CODE + code.getToken().getTokenValue(), kept, keep);
		}
	}

	/**
	 * A reused code: Spring has invalidated the access token issued from it, and it must
	 * stop working here.
	 */
	private void revokeInvalidatedAccessToken(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		if (accessToken == null || !accessToken.isInvalidated()) {
			return;
		}
		String jti = jtiOf(accessToken);
		Instant expiresAt = accessToken.getToken().getExpiresAt();
		if (jti != null && expiresAt != null) {
			this.revocations.revoke(jti, expiresAt);
		}
	}

	/**
	 * The access token's claims cut down to what {@link #revokeInvalidatedAccessToken}
	 * reads.
	 */
	private static OAuth2Authorization withSlimAccessTokenClaims(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		if (accessToken == null || accessToken.getClaims() == null || accessToken.getClaims().size() <= 1) {
			return authorization;
		}
		String jti = jtiOf(accessToken);
		return OAuth2Authorization.from(authorization)
			.token(accessToken.getToken(),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
							(jti != null) ? Map.of(JwtClaimNames.JTI, jti) : Map.of()))
			.build();
	}

	private static @Nullable String jtiOf(OAuth2Authorization.Token<OAuth2AccessToken> accessToken) {
		Map<String, Object> claims = accessToken.getClaims();
		return (claims != null && claims.get(JwtClaimNames.JTI) instanceof String jti) ? jti : null;
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.pending.remove(ID + authorization.getId());
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			this.pending.remove(STATE + state);
		}
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (code != null) {
			this.pending.remove(CODE + code.getToken().getTokenValue());
		}
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.pending.get(ID + id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (tokenType == null) {
			OAuth2Authorization byState = this.pending.get(STATE + token);
			return (byState != null) ? byState : this.pending.get(CODE + token);
		}
		if (OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
			return this.pending.get(STATE + token);
		}
		if (OAuth2ParameterNames.CODE.equals(tokenType.getValue())) {
			return this.pending.get(CODE + token);
		}
		return null;
	}

	/**
	 * A login in progress is kept for the login lifetime after its last change; a
	 * redeemed one until its access token expires, if that is later.
	 */
	private Duration keep(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		Instant expiresAt = (accessToken != null) ? accessToken.getToken().getExpiresAt() : null;
		Duration keep = this.lifetime;
		if (expiresAt != null) {
			Duration untilExpiry = Duration.between(this.clock.instant(), expiresAt);
			if (untilExpiry.compareTo(keep) > 0) {
				keep = untilExpiry;
			}
		}
		return keep;
	}

}
