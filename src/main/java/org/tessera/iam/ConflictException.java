package org.tessera.iam;

import org.tessera.problem.RefusalException;

/**
 * The request clashes with the current state (a taken name, an attached policy): answered
 * 409.
 */
public class ConflictException extends RefusalException {

	public ConflictException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 409;
	}

}
