package org.tessera.iam;

/** An {@code If-Match} that names another version than the current one: answered 412. */
public class PreconditionFailedException extends RuntimeException {

	public PreconditionFailedException(String message) {
		super(message);
	}

}
