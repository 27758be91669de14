package org.tessera.oauth.login;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a successful login, gives the session the lifetime of a logged-in one (it was
 * created with the short lifetime of a login under way), then lets {@code next} send the
 * browser on, back to the authorization request.
 */
final class LoginSessionLifetime implements AuthenticationSuccessHandler {

	private final int loggedInSeconds;

	private final AuthenticationSuccessHandler next;

	LoginSessionLifetime(Duration loggedIn, AuthenticationSuccessHandler next) {
		this.loggedInSeconds = (int) Math.max(1, loggedIn.toSeconds());
		this.next = next;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setMaxInactiveInterval(this.loggedInSeconds);
		}
		this.next.onAuthenticationSuccess(request, response, authentication);
	}

}
