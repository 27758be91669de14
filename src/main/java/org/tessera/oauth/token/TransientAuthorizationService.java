package org.tessera.oauth.token;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only what an authorization-code login needs between its two legs (state and code),
 * in a bounded, expiring in-memory cache. Authorizations that hold nothing but self-contained
 * access tokens (client credentials, token exchange, a completed login) are not stored at all:
 * introspection and revocation work from the JWT and the {@link RevocationList}, so issuing a
 * token writes nothing. A restart forgets logins in progress, which the user simply retries.
 */
public final class TransientAuthorizationService implements OAuth2AuthorizationService {

	private static final String STATE = "state:";

	private static final String CODE = "code:";

	private static final String ID = "id:";

	private final Cache<String, OAuth2Authorization> pending;

	public TransientAuthorizationService(Duration lifetime, long maximumSize) {
		this.pending = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maximumSize).build();
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (state == null && code == null) {
			return;
		}
		this.pending.put(ID + authorization.getId(), authorization);
		if (state != null) {
			this.pending.put(STATE + state, authorization);
		}
		if (code != null) {
			this.pending.put(CODE + code.getToken().getTokenValue(), authorization);
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.pending.invalidate(ID + authorization.getId());
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			this.pending.invalidate(STATE + state);
		}
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (code != null) {
			this.pending.invalidate(CODE + code.getToken().getTokenValue());
		}
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.pending.getIfPresent(ID + id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (tokenType == null) {
			OAuth2Authorization byState = this.pending.getIfPresent(STATE + token);
			return (byState != null) ? byState : this.pending.getIfPresent(CODE + token);
		}
		if (OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
			return this.pending.getIfPresent(STATE + token);
		}
		if (OAuth2ParameterNames.CODE.equals(tokenType.getValue())) {
			return this.pending.getIfPresent(CODE + token);
		}
		return null;
	}

}
