package org.tessera.policy;

/**
 * Refuses a malformed policy document or statement and says which field is wrong, so that
 * an API client can be told exactly what to fix. The message always starts with the
 * field, e.g. {@code statements[0].effect: must be "Allow" or "Deny"}.
 */
public final class InvalidPolicyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	/**
	 * @param field the JSON path of the offending field, e.g.
	 * {@code statements[0].actions[1]} or {@code name}
	 * @param message what is wrong with it, e.g. {@code is required}
	 */
	public InvalidPolicyException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/** The JSON path of the offending field. */
	public String field() {
		return field;
	}

}
