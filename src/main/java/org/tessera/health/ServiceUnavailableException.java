package org.tessera.health;

/**
 * A request this server cannot serve now but may shortly, for a reason that is no fault
 * of the request: answered 503 with {@code Retry-After} in the endpoint's format (RFC
 * 6749 JSON at {@code /oauth2/}, problem+json elsewhere).
 */
public class ServiceUnavailableException extends RuntimeException {

	private final int retryAfterSeconds;

	/**
	 * @param message what the client is told, plain ASCII, no secret
	 */
	public ServiceUnavailableException(String message, int retryAfterSeconds) {
		super(message, null, false, false);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public int retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
