package org.tessera.oauth.token;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tessera.policy.Statement;

/**
 * What a client asked to narrow a token to, each part optional: the audience (RFC 8707
 * {@code resource}, RFC 8693 {@code audience}), a session policy that can only take
 * permissions away, and a shorter (or, up to the service account's maximum session
 * duration, longer) lifetime. A token with none of them is today's default token.
 *
 * @param audience the token's {@code aud}, exactly; null for the default audience
 * @param sessionPolicy the statements of the session policy; null for none
 * @param requestedLifetime the lifetime asked for; null for the usual one
 */
public record TokenNarrowing(@Nullable List<String> audience, @Nullable List<Statement> sessionPolicy,
		@Nullable Duration requestedLifetime) {

	/** Nothing asked for. */
	public static final TokenNarrowing NONE = new TokenNarrowing(null, null, null);

	public TokenNarrowing {
		audience = (audience != null) ? List.copyOf(audience) : null;
		sessionPolicy = (sessionPolicy != null) ? List.copyOf(sessionPolicy) : null;
	}

}
