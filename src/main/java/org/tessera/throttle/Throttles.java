package org.tessera.throttle;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;

/**
 * The budgets of {@code tessera.throttle.*}, each kept per source so that what one source
 * does never slows another: failed client requests, failed logins (per source, and per
 * source and login name with a growing wait) and sign-ups.
 */
@Component
public final class Throttles {

	private final SourceBudget clientFailures;

	private final SourceBudget loginFailures;

	private final GrowingDelay loginNames;

	private final SourceBudget signUps;

	public Throttles(TesseraProperties properties, Clock clock) {
		TesseraProperties.Throttle settings = properties.throttle();
		this.clientFailures = new SourceBudget("client authentication", settings.clientFailureBurst(),
				settings.clientFailureRefill(), settings.maxSources(), clock);
		this.loginFailures = new SourceBudget("login", settings.loginFailureBurst(), settings.loginFailureRefill(),
				settings.maxSources(), clock);
		this.loginNames = new GrowingDelay(settings.loginFreeFailures(), settings.loginMaxDelay(),
				settings.maxSources(), clock);
		this.signUps = new SourceBudget("sign-up", settings.signUpBurst(), settings.signUpRefill(),
				settings.maxSources(), clock);
	}

	/**
	 * Failed requests at the token, introspection and revocation endpoints, per source.
	 */
	public SourceBudget clientFailures() {
		return this.clientFailures;
	}

	/** Failed logins per source, whatever login names it tries. */
	public SourceBudget loginFailures() {
		return this.loginFailures;
	}

	/** Failed logins per source and login name. */
	public GrowingDelay loginNames() {
		return this.loginNames;
	}

	/** Sign-ups per source. */
	public SourceBudget signUps() {
		return this.signUps;
	}

}
