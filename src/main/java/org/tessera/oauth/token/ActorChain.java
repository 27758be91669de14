package org.tessera.oauth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Reads an RFC 8693 {@code act} claim (section 4.1): the actors a token acts for, each
 * naming the one before it in a nested {@code act}. One reader for the decoder, which
 * checks every actor is still active, for token exchange, which counts them against the
 * delegation depth, and for introspection, which shows a token to the accounts its actors
 * belong to.
 */
public final class ActorChain {

	private ActorChain() {
	}

	/**
	 * The {@code sub} of each actor, outermost first; empty when an actor has no
	 * {@code sub} or an {@code act} is no object.
	 */
	public static Optional<List<String>> subjects(@Nullable Object act) {
		return members(act, JwtClaimNames.SUB);
	}

	/**
	 * The {@code acct} of each actor, outermost first; empty when an actor has no
	 * {@code acct} or an {@code act} is no object.
	 */
	public static Optional<List<String>> accounts(@Nullable Object act) {
		return members(act, AccessTokenClaims.ACCOUNT);
	}

	private static Optional<List<String>> members(@Nullable Object act, String name) {
		List<String> values = new ArrayList<>();
		Object next = act;
		while (next instanceof Map<?, ?> actor) {
			if (!(actor.get(name) instanceof String value)) {
				return Optional.empty();
			}
			values.add(value);
			next = actor.get(AccessTokenClaims.ACTOR);
		}
		return (next == null) ? Optional.of(values) : Optional.empty();
	}

}
