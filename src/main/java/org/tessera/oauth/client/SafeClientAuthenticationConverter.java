package org.tessera.oauth.client;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Wraps a client-authentication converter of Spring's so that credentials it cannot turn
 * into a token (a Basic header whose client id decodes to blank, say, on which Spring's
 * converters throw {@link IllegalArgumentException}) are {@code invalid_client}, not a
 * server error.
 */
public final class SafeClientAuthenticationConverter implements AuthenticationConverter {

	private final AuthenticationConverter delegate;

	public SafeClientAuthenticationConverter(AuthenticationConverter delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		try {
			return this.delegate.convert(request);
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "the client credentials are malformed", null));
		}
	}

}
