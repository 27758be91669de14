package org.tessera.oauth.login;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.session.TooManyActiveSessionsException;
import org.tessera.problem.ErrorBodies;

/**
 * When the server holds as many sessions as it may, a request that needs a new one (a
 * login starting) is answered 503 with {@code Retry-After} and a readable JSON body,
 * rather than the container's 500. Sessions of logins that were started and not finished
 * expire after a few minutes, and free their places.
 */
final class SessionCapacityFilter extends HttpFilter {

	/**
	 * Seconds after which a retry may find a free place: idle sessions are swept about
	 * every minute.
	 */
	static final long RETRY_AFTER_SECONDS = 60;

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			if (!causedByTooManySessions(ex) || response.isCommitted()) {
				throw ex;
			}
			ErrorBodies.writeUnavailable(response, request.getRequestURI(), RETRY_AFTER_SECONDS,
					"too many logins are under way; retry in a minute");
		}
	}

	private static boolean causedByTooManySessions(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof TooManyActiveSessionsException) {
				return true;
			}
		}
		return false;
	}

}
