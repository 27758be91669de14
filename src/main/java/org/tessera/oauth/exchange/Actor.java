package org.tessera.oauth.exchange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tessera.access.PrincipalRef;
import org.tessera.oauth.token.AccessTokenClaims;
import org.tessera.oauth.token.ActorChain;
import org.tessera.policy.Statement;

/**
 * Who asks to impersonate: the principal of the actor token (or the authenticated service
 * account acting as itself), its current statements, the {@code act} chain it already
 * carries, the expiry of its token, which the new token may not outlive, and the session
 * policy that narrowed its token, which must allow the impersonation too.
 */
record Actor(PrincipalRef principal, List<Statement> statements, @Nullable Map<String, Object> priorActor,
		@Nullable Instant notAfter, @Nullable List<Statement> sessionPolicy) {

	/** An actor whose token no session policy narrowed. */
	Actor(PrincipalRef principal, List<Statement> statements, @Nullable Map<String, Object> priorActor,
			@Nullable Instant notAfter) {
		this(principal, statements, priorActor, notAfter, null);
	}

	/** The {@code act} claim of the token issued to this actor (RFC 8693 section 4.1). */
	Map<String, Object> actClaim() {
		Map<String, Object> act = new LinkedHashMap<>();
		act.put("sub", this.principal.crn().toString());
		act.put(AccessTokenClaims.ACCOUNT, this.principal.account().value());
		if (this.priorActor != null) {
			act.put(AccessTokenClaims.ACTOR, this.priorActor);
		}
		return act;
	}

	/**
	 * The CRNs of those this actor's token already acts for, outermost first (the decoder
	 * that accepted the token has checked its chain is well formed).
	 */
	List<String> priorActors() {
		return ActorChain.subjects(this.priorActor).orElse(List.of());
	}

	/**
	 * How many actors the new token's {@code act} claim will hold: this one and its prior
	 * ones.
	 */
	int depthOfNewChain() {
		return 1 + priorActors().size();
	}

}
