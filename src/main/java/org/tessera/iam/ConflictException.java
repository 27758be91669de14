package org.tessera.iam;

/**
 * The request clashes with the current state (a taken name, an attached policy): answered
 * 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
