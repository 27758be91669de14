package org.tessera.console;

/**
 * A call of the console refused by the management API or the token endpoint: the status,
 * and the server's one readable message, which the console shows as it is.
 */
class ApiRefusal extends RuntimeException {

	private final int status;

	ApiRefusal(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
