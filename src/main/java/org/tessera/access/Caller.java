package org.tessera.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

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
 */
public record Caller(PrincipalRef principal, List<PrincipalRef> actors, @Nullable String displayName) {

	public Caller {
		actors = List.copyOf(actors);
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
