package org.tessera.oauth.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * A wrong login goes back to the login page with the one generic message; a throttled one
 * is answered at once with 429, {@code Retry-After} and the login page saying how long to
 * wait.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof LoginThrottledException throttled)
				|| !(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf)) {
			this.wrong.onAuthenticationFailure(request, response, exception);
			return;
		}
		long seconds = throttled.retryAfterSeconds();
		byte[] page = LoginPage
			.render(csrf,
					"Too many failed sign-ins; try again in " + seconds + ((seconds == 1) ? " second." : " seconds."))
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(page.length);
		response.getOutputStream().write(page);
	}

}
