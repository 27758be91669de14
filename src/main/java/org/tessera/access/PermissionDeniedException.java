package org.tessera.access;

import java.util.Map;

import org.tessera.problem.RefusalException;

/**
 * A management call the caller's policies do not allow: answered 403 naming action and
 * resource.
 */
public class PermissionDeniedException extends RefusalException {

	private final String action;

	private final String resource;

	public PermissionDeniedException(String action, String resource) {
		super("Permission " + action + " denied on " + resource);
		this.action = action;
		this.resource = resource;
	}

	public String action() {
		return this.action;
	}

	public String resource() {
		return this.resource;
	}

	@Override
	public int status() {
		return 403;
	}

	@Override
	public Map<String, Object> problemMembers() {
		return Map.of("action", this.action, "resource", this.resource);
	}

}
