package org.tessera.iam;

import java.util.Map;

import org.tessera.problem.RefusalException;

/** A request the caller must fix: answered 400 with the offending field named. */
public class InvalidRequestException extends RefusalException {

	private final String field;

	public InvalidRequestException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

	@Override
	public int status() {
		return 400;
	}

	@Override
	public Map<String, Object> problemMembers() {
		return Map.of("field", this.field);
	}

}
