package org.tessera.metrics;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tessera.problem.OAuth2ErrorResponseHandler;

/**
 * Times every request to the token endpoint into {@code tessera.token.requests}, a
 * histogram tagged with the grant type ({@code client_credentials},
 * {@code token-exchange}, {@code authorization_code}, {@code refresh_token},
 * {@code jwt-bearer} or {@code other}), the outcome ({@code issued} or {@code refused})
 * and, for a refusal, its RFC 6749 error code (or {@code throttled}, {@code unavailable},
 * {@code too_large}). Tags come from a closed set, so no client can grow the number of
 * series.
 */
final class TokenRequestMetrics extends HttpFilter {

	private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "access_denied",
			"server_error", "temporarily_unavailable");

	private final Meter.MeterProvider<Timer> requests;

	/**
	 * The timers already made, by grant type and error: a lookup cheaper than the
	 * registry's, which builds an identifier of the name and all tags per request.
	 */
	private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

	TokenRequestMetrics(MeterRegistry registry) {
		this.requests = Timer.builder("tessera.token.requests")
			.description("Token endpoint requests, by grant type and outcome")
			.publishPercentileHistogram()
			.withRegistry(registry);
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			Series series = new Series(grantType(request), error(request, response.getStatus()));
			this.timers.computeIfAbsent(series, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	private Timer timer(Series series) {
		String outcome = series.error().equals("none") ? "issued" : "refused";
		return this.requests.withTags("grant_type", series.grantType(), "outcome", outcome, "error", series.error());
	}

	private static String grantType(HttpServletRequest request) {
		String grant;
		try {
			grant = request.getParameter("grant_type");
		}
		catch (RuntimeException ex) {
			return "other";
		}
		if (grant == null) {
			return "other";
		}
		return switch (grant) {
			case "client_credentials", "authorization_code", "refresh_token" -> grant;
			case "urn:ietf:params:oauth:grant-type:token-exchange" -> "token-exchange";
			case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> "jwt-bearer";
			default -> "other";
		};
	}

	private static String error(HttpServletRequest request, int status) {
		if (status == HttpServletResponse.SC_OK) {
			return "none";
		}
		if (request.getAttribute(OAuth2ErrorResponseHandler.ERROR_CODE_ATTRIBUTE) instanceof String code
				&& ERRORS.contains(code)) {
			return code;
		}
		return switch (status) {
			case 429 -> "throttled";
			case 503 -> "unavailable";
			case 413 -> "too_large";
			case 401 -> "invalid_client";
			case 400 -> "invalid_request";
			default -> "http_" + ((status >= 100 && status < 600) ? status : 0);
		};
	}

	/** One series of the timer: a grant type and an error ({@code none} when issued). */
	private record Series(String grantType, String error) {
	}

}
