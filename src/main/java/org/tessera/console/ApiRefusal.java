package org.tessera.console;

/**
 * A call of the console refused by the management API or the token endpoint: the status,
 * and the server's one readable message, which the console shows as it is.
 */
class ApiRefusal extends RuntimeException {

	private final int status;

	private final String field;

	ApiRefusal(int status, String message) {
		this(status, message, null);
	}

	ApiRefusal(int status, String message, String field) {
		super(message);
		this.status = status;
		this.field = field;
	}

	int status() {
		return this.status;
	}

	/**
	 * The request field the refusal names (problem {@code field}, e.g.
	 * {@code statements[0].effect}), or null.
	 */
	String field() {
		return this.field;
	}

}
