package org.tessera.iam;

import org.tessera.problem.RefusalException;

/** The named object does not exist (or is not visible to the caller): answered 404. */
public class NotFoundException extends RefusalException {

	public NotFoundException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 404;
	}

}
