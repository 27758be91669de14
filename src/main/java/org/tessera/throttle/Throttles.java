package org.tessera.throttle;

import java.time.Clock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.cluster.ClusterChannel;
import org.tessera.cluster.ClusterListener;

/**
 * The budgets of {@code tessera.throttle.*}, each kept per source so that what one source
 * does never slows another: failed client requests, failed logins (per source, and per
 * source and login name with a growing wait) and sign-ups. Nodes sharing a database tell
 * each other what they count, so a source's budget is spent across all of them.
 */
@Component
public final class Throttles implements ClusterListener {

	private static final String TOPIC = "throttle";

	private static final String CLIENT_FAILURE = "client-failure";

	private static final String LOGIN_FAILURE = "login-failure";

	private static final String LOGIN_NAME_FAILURE = "login-name-failure";

	private static final String LOGIN_NAME_SUCCESS = "login-name-success";

	private static final String SIGN_UP = "sign-up";

	private final SourceBudget clientFailures;

	private final SourceBudget loginFailures;

	private final GrowingDelay loginNames;

	private final SourceBudget signUps;

	/** The budgets of a single node. */
	public Throttles(TesseraProperties properties, Clock clock) {
		this(properties, clock, null);
	}

	/**
	 * The budgets of a node among others on one database: what each budget counts here is
	 * told to the other nodes within a fraction of a second, and counted there too.
	 */
	@Autowired
	public Throttles(TesseraProperties properties, Clock clock, @Nullable ClusterChannel cluster) {
		TesseraProperties.Throttle settings = properties.throttle();
		this.clientFailures = new SourceBudget("client authentication", settings.clientFailureBurst(),
				settings.clientFailureRefill(), settings.maxSources(), clock, tell(cluster, CLIENT_FAILURE));
		this.loginFailures = new SourceBudget("login", settings.loginFailureBurst(), settings.loginFailureRefill(),
				settings.maxSources(), clock, tell(cluster, LOGIN_FAILURE));
		this.loginNames = new GrowingDelay(settings.loginFreeFailures(), settings.loginMaxDelay(),
				settings.maxSources(), clock, new GrowingDelay.Others() {

					@Override
					public void failed(String key) {
						tell(cluster, LOGIN_NAME_FAILURE).accept(key);
					}

					@Override
					public void succeeded(String key) {
						tell(cluster, LOGIN_NAME_SUCCESS).accept(key);
					}

				});
		this.signUps = new SourceBudget("sign-up", settings.signUpBurst(), settings.signUpRefill(),
				settings.maxSources(), clock, tell(cluster, SIGN_UP));
	}

	private static Consumer<String> tell(@Nullable ClusterChannel cluster, String event) {
		return (cluster == null) ? (key) -> {
		} : (key) -> cluster.publishSoon(TOPIC, event + ' ' + key);
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	/** Counts what another node counted: {@code event key}. */
	@Override
	public void changed(String news) {
		int space = news.indexOf(' ');
		if (space < 0) {
			return;
		}
		String key = news.substring(space + 1);
		switch (news.substring(0, space)) {
			case CLIENT_FAILURE -> this.clientFailures.spentElsewhere(key);
			case LOGIN_FAILURE -> this.loginFailures.spentElsewhere(key);
			case LOGIN_NAME_FAILURE -> this.loginNames.failedElsewhere(key);
			case LOGIN_NAME_SUCCESS -> this.loginNames.succeededElsewhere(key);
			case SIGN_UP -> this.signUps.spentElsewhere(key);
			default -> {
			}
		}
	}

	/**
	 * Counts missed while out of touch stay uncounted here: a throttle errs on the open
	 * side.
	 */
	@Override
	public void resynchronize() {
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
