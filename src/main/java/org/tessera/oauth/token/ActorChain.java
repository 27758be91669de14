package org.tessera.oauth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Reads an RFC 8693 {@code act} claim (section 4.1): the actors a token acts for, each naming the
 * one before it in a nested {@code act}. One reader for the decoder, which checks every actor is
 * still active, and for token exchange, which counts them against the delegation depth.
 */
public final class ActorChain {

	private ActorChain() {
	}

	/** The {@code sub} of each actor, outermost first; empty when an actor has no {@code sub} or an {@code act} is no object. */
	public static Optional<List<String>> subjects(@Nullable Object act) {
		List<String> subjects = new ArrayList<>();
		Object next = act;
		while (next instanceof Map<?, ?> actor) {
			if (!(actor.get(JwtClaimNames.SUB) instanceof String sub)) {
				return Optional.empty();
			}
			subjects.add(sub);
			next = actor.get(AccessTokenClaims.ACTOR);
		}
		return (next == null) ? Optional.of(subjects) : Optional.empty();
	}

}
