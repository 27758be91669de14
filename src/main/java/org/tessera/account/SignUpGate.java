package org.tessera.account;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.tessera.TesseraProperties;
import org.tessera.TesseraProperties.SignUp.Mode;
import org.tessera.throttle.SourceBudget;
import org.tessera.throttle.SourceResolver;
import org.tessera.throttle.Throttles;

/**
 * Who may sign up ({@code tessera.sign-up.mode}): anyone in {@code open} mode, throttled
 * per source; only the holder of the operator key ({@code Authorization: Bearer <key>},
 * compared in constant time) in {@code invite-only} mode; nobody when {@code closed}. The
 * operator is never throttled; everyone else spends one sign-up of their source's budget
 * per attempt, whatever its outcome, so neither account creation nor e-mail probing goes
 * faster than the budget.
 */
@Component
public final class SignUpGate {

	/**
	 * Shorter operator keys are refused at startup: the key is all that guards
	 * invite-only sign-up.
	 */
	static final int MIN_OPERATOR_KEY_LENGTH = 32;

	private static final String BEARER = "Bearer ";

	private final Mode mode;

	private final byte[] operatorKeyDigest;

	private final SourceResolver sources;

	private final SourceBudget budget;

	public SignUpGate(TesseraProperties properties, SourceResolver sources, Throttles throttles) {
		this.mode = properties.signUp().effectiveMode();
		String key = properties.signUp().operatorKey();
		if (!key.isEmpty() && key.length() < MIN_OPERATOR_KEY_LENGTH) {
			throw new IllegalStateException("tessera.sign-up.operator-key must be at least " + MIN_OPERATOR_KEY_LENGTH
					+ " characters (a random 256-bit key, say)");
		}
		if (this.mode == Mode.INVITE_ONLY && key.isEmpty()) {
			throw new IllegalStateException("tessera.sign-up.mode=invite-only needs tessera.sign-up.operator-key");
		}
		this.operatorKeyDigest = key.isEmpty() ? null : sha256(key);
		this.sources = sources;
		this.budget = throttles.signUps();
	}

	/**
	 * Returns when {@code request} may sign up; otherwise throws the problem to answer.
	 */
	public void admit(HttpServletRequest request) {
		if (this.mode == Mode.CLOSED) {
			throw problem(HttpStatus.FORBIDDEN, "sign-up is closed on this server");
		}
		if (isOperator(request)) {
			return;
		}
		String source = this.sources.resolve(request);
		long retryAfter = this.budget.retryAfterSeconds(source);
		if (retryAfter > 0) {
			ErrorResponseException refused = problem(HttpStatus.TOO_MANY_REQUESTS,
					"too many sign-ups from this address; retry after " + retryAfter
							+ ((retryAfter == 1) ? " second" : " seconds"));
			refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			throw refused;
		}
		this.budget.spend(source);
		if (this.mode == Mode.INVITE_ONLY) {
			ErrorResponseException refused = problem(HttpStatus.UNAUTHORIZED,
					"sign-up is by invitation: only an operator with the operator key may create accounts");
			refused.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tessera\"");
			throw refused;
		}
	}

	private boolean isOperator(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (this.operatorKeyDigest == null || authorization == null
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return false;
		}
		// digests of equal length: the comparison takes the same time whatever the
		// presented key
		return MessageDigest.isEqual(this.operatorKeyDigest, sha256(authorization.substring(BEARER.length()).strip()));
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setInstance(URI.create("/iam/v1/accounts"));
		return new ErrorResponseException(status, body, null);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
