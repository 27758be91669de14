package org.tessera.enforcement.sigv4;

/**
 * The authorization server could not be asked for a signing key (unreachable, timed out,
 * or answering 5xx): the request can be neither accepted nor refused for its signature,
 * and a resource server answers 503.
 */
public class SigningKeyUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SigningKeyUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
