package org.tessera.oauth.jwtbearer;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A JWT-bearer grant request that carries no client authentication, as read off the wire:
 * the {@code assertion} and, when the client identified itself, its {@code client_id}.
 * Nothing in it is checked yet, and it authenticates nobody until
 * {@link JwtBearerClientAuthenticationProvider} has verified the assertion. A type of its
 * own so that no other client-authentication provider accepts it.
 */
public final class JwtBearerAssertionRequest extends AbstractAuthenticationToken {

	private final String assertion;

	private final @Nullable String clientId;

	public JwtBearerAssertionRequest(String assertion, @Nullable String clientId) {
		super(List.of());
		this.assertion = assertion;
		this.clientId = clientId;
	}

	/** The assertion, unverified. */
	public String assertion() {
		return this.assertion;
	}

	/** The {@code client_id} the request named, or null. */
	public @Nullable String clientId() {
		return this.clientId;
	}

	@Override
	public Object getPrincipal() {
		return (this.clientId != null) ? this.clientId : "";
	}

	@Override
	public Object getCredentials() {
		return this.assertion;
	}

	@Override
	public String toString() {
		return "JwtBearerAssertionRequest[client_id=" + this.clientId + ", assertion=<hidden>]";
	}

}
