package org.tessera.iam;

/** The named object does not exist (or is not visible to the caller): answered 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
