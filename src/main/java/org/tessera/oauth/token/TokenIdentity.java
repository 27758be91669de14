package org.tessera.oauth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tessera.access.PrincipalRef;
import org.tessera.policy.Statement;

/**
 * Whom an access token speaks for and what it may do: the claims {@code sub},
 * {@code acct}, {@code perms} and, for an impersonated token, {@code act} (RFC 8693
 * section 4.1).
 *
 * @param principal the principal the token is issued to
 * @param perms the effective statements of that principal
 * @param actor the {@code act} claim, or null when nobody acts for another
 * @param notAfter the expiry of the token, decided by the grant (a token exchange decides
 * it); null for the client's usual lifetime
 * @param maxLifetime the longest the token may live (a service account's
 * {@code maxSessionDuration}); null for no bound of its own
 */
public record TokenIdentity(PrincipalRef principal, List<Statement> perms, @Nullable Map<String, Object> actor,
		@Nullable Instant notAfter, @Nullable Duration maxLifetime) {

	public TokenIdentity {
		perms = List.copyOf(perms);
		actor = (actor != null) ? Map.copyOf(actor) : null;
	}

	/** An identity whose tokens have no longest lifetime of their own. */
	public TokenIdentity(PrincipalRef principal, List<Statement> perms, @Nullable Map<String, Object> actor,
			@Nullable Instant notAfter) {
		this(principal, perms, actor, notAfter, null);
	}

}
