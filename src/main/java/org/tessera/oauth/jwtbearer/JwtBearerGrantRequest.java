package org.tessera.oauth.jwtbearer;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A JWT-bearer authorization grant request (RFC 7523 section 2.1) as read off the wire:
 * the {@code assertion} and whatever client authentication went before. Nothing in it is
 * checked yet.
 */
public final class JwtBearerGrantRequest extends OAuth2AuthorizationGrantAuthenticationToken {

	private final String assertion;

	public JwtBearerGrantRequest(Authentication clientPrincipal, String assertion) {
		super(JwtBearerGrantConverter.GRANT_TYPE, clientPrincipal, Map.of());
		this.assertion = assertion;
	}

	/** The assertion, unverified. */
	public String assertion() {
		return this.assertion;
	}

}
