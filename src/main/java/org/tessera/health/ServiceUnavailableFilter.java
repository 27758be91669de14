package org.tessera.health;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tessera.problem.ErrorBodies;

/**
 * A request that failed because the database is unavailable, or with a
 * {@link ServiceUnavailableException}, gets 503 with {@code Retry-After} in the
 * endpoint's format (RFC 6749 JSON at {@code /oauth2/}, problem+json elsewhere) instead
 * of a 500; a database failure also starts the database's recovery. Runs first, around
 * everything else, so that failures in Spring Security's filters (client authentication
 * reads the database) are caught too.
 */
public final class ServiceUnavailableFilter extends HttpFilter {

	/**
	 * Seconds a client should wait before retrying: a reopened database serves within
	 * about a second.
	 */
	static final long RETRY_AFTER_SECONDS = 1;

	private final DatabaseRecovery recovery;

	public ServiceUnavailableFilter(DatabaseRecovery recovery) {
		this.recovery = recovery;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			ServiceUnavailableException unavailable = serviceUnavailable(ex);
			if (unavailable != null && !response.isCommitted()) {
				ErrorBodies.writeUnavailable(response, request.getRequestURI(), unavailable.retryAfterSeconds(),
						unavailable.getMessage());
				return;
			}
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			this.recovery.databaseUnavailable(ex);
			if (response.isCommitted()) {
				return;
			}
			answerUnavailable(request, response);
		}
	}

	private static ServiceUnavailableException serviceUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof ServiceUnavailableException unavailable) {
				return unavailable;
			}
		}
		return null;
	}

	/** Writes the 503 answer of a request that found the database unavailable. */
	public static void answerUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorBodies.writeUnavailable(response, request.getRequestURI(), RETRY_AFTER_SECONDS,
				"the service is temporarily unavailable; retry shortly");
	}

}
