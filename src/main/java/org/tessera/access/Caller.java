package org.tessera.access;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tessera.policy.Statement;

/**
 * The authenticated caller of a management call, read from its bearer token: the
 * principal the token was issued to (after impersonation, the impersonated service
 * account), and the principals that acted to get it, from the token's {@code act} chain.
 *
 * @param principal the token's subject
 * @param actors the {@code act} chain's subjects, outermost first; empty for a token
 * nobody impersonated to get
 * @param displayName the name the impersonation session was given, if any (the token's
 * {@code display_name})
 * @param sessionPolicy the statements of the token's session policy
 * ({@code session_perms}), which narrow every call; null for none
 */
public record Caller(PrincipalRef principal, List<PrincipalRef> actors, @Nullable String displayName,
		@Nullable List<Statement> sessionPolicy) {

	public Caller {
		actors = List.copyOf(actors);
		sessionPolicy = (sessionPolicy != null) ? List.copyOf(sessionPolicy) : null;
	}

	/** A caller whose token was narrowed by no session policy. */
	public Caller(PrincipalRef principal, List<PrincipalRef> actors, @Nullable String displayName) {
		this(principal, actors, displayName, null);
	}

	/** A caller whose token acts for nobody. */
	public Caller(PrincipalRef principal) {
		this(principal, List.of(), null);
	}

	public String crn() {
		return this.principal.crn().toString();
	}

	/** The CRNs of {@link #actors()}, outermost first. */
	public List<String> actorCrns() {
		return this.actors.stream().map((actor) -> actor.crn().toString()).toList();
	}

}
