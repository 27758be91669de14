package org.tessera.iam;

import org.tessera.problem.RefusalException;

/** An {@code If-Match} that names another version than the current one: answered 412. */
public class PreconditionFailedException extends RefusalException {

	public PreconditionFailedException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 412;
	}

}
