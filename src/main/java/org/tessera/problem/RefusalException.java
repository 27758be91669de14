package org.tessera.problem;

import java.util.Map;

/**
 * A refusal that knows its own answer: the HTTP status and any members the problem+json
 * body carries beside {@code detail} (the message). The management API's refusals extend
 * it, so that one handler maps them all without knowing the packages they come from.
 */
public abstract class RefusalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected RefusalException(String message) {
		super(message);
	}

	/** The HTTP status of the answer, e.g. 404. */
	public abstract int status();

	/**
	 * Extension members of the problem+json body, e.g. {@code field}; none by default.
	 */
	public Map<String, Object> problemMembers() {
		return Map.of();
	}

}
