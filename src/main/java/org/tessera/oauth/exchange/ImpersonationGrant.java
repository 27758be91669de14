package org.tessera.oauth.exchange;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.tessera.oauth.token.TokenIdentity;
import org.tessera.oauth.token.TokenNarrowing;
import org.tessera.oauth.token.TokenIdentitySource;

/**
 * A granted impersonation, handed to the token generator: the token it yields speaks for
 * the service account (its {@code sub}, {@code acct}, {@code perms}) with {@code act}
 * naming the actor.
 */
final class ImpersonationGrant extends AbstractAuthenticationToken implements TokenIdentitySource {

	private final TokenIdentity identity;

	private final @Nullable String displayName;

	private final TokenNarrowing narrowing;

	ImpersonationGrant(TokenIdentity identity, @Nullable String displayName, TokenNarrowing narrowing) {
		super(List.of());
		this.identity = identity;
		this.displayName = displayName;
		this.narrowing = narrowing;
		setAuthenticated(true);
	}

	@Override
	public @Nullable String displayName() {
		return this.displayName;
	}

	@Override
	public TokenNarrowing narrowing() {
		return this.narrowing;
	}

	@Override
	public TokenIdentity tokenIdentity() {
		return this.identity;
	}

	@Override
	public Object getPrincipal() {
		return this.identity.principal().crn().toString();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

}
