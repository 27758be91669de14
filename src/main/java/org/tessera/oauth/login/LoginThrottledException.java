package org.tessera.oauth.login;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused before its password was checked: its source, or its source with that
 * name, failed too often.
 */
public final class LoginThrottledException extends AuthenticationException {

	private final long retryAfterSeconds;

	public LoginThrottledException(long retryAfterSeconds) {
		super("Too many failed sign-ins");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
