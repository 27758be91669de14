package org.tessera.oauth.exchange;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tessera.oauth.token.TokenNarrowing;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * An RFC 8693 token exchange request for a service account, as read off the wire: who is
 * to be impersonated ({@code subject_token}) and, optionally, the caller's own access
 * token ({@code actor_token}). Nothing in it is checked yet.
 */
public final class ImpersonationRequest extends OAuth2AuthorizationGrantAuthenticationToken {

	private final String target;

	private final @Nullable String actorToken;

	private final @Nullable String displayName;

	private final TokenNarrowing narrowing;

	public ImpersonationRequest(Authentication clientPrincipal, String target, @Nullable String actorToken,
			@Nullable String displayName, Map<String, Object> additionalParameters) {
		this(clientPrincipal, target, actorToken, displayName, TokenNarrowing.NONE, additionalParameters);
	}

	private final @Nullable String externalId;

	public ImpersonationRequest(Authentication clientPrincipal, String target, @Nullable String actorToken,
			@Nullable String displayName, TokenNarrowing narrowing, Map<String, Object> additionalParameters) {
		this(clientPrincipal, target, actorToken, displayName, narrowing, null, additionalParameters);
	}

	public ImpersonationRequest(Authentication clientPrincipal, String target, @Nullable String actorToken,
			@Nullable String displayName, TokenNarrowing narrowing, @Nullable String externalId,
			Map<String, Object> additionalParameters) {
		super(AuthorizationGrantType.TOKEN_EXCHANGE, clientPrincipal, additionalParameters);
		this.target = target;
		this.actorToken = actorToken;
		this.displayName = displayName;
		this.narrowing = narrowing;
		this.externalId = externalId;
	}

	/** The external id the caller presented ({@code external_id}), if any. */
	public @Nullable String externalId() {
		return this.externalId;
	}

	/** What the caller narrowed the token to: audience, session policy, lifetime. */
	public TokenNarrowing narrowing() {
		return this.narrowing;
	}

	/** The name the caller gave this session ({@code display_name}), if any. */
	public @Nullable String displayName() {
		return this.displayName;
	}

	/** The target service account: its saId or its CRN. */
	public String target() {
		return this.target;
	}

	/** The caller's access token, or null when a service account acts as itself. */
	public @Nullable String actorToken() {
		return this.actorToken;
	}

}
