package org.tessera.enforcement;

/**
 * Thrown when the caller's token does not allow an action on a resource. A resource
 * server turns it into a 403 {@code application/problem+json} answer that names both.
 */
public class PolicyDeniedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	private final String resource;

	public PolicyDeniedException(String action, String resource) {
		super("Permission " + action + " denied on " + resource);
		this.action = action;
		this.resource = resource;
	}

	/** The refused action, e.g. {@code vserver:StopServer}. */
	public String action() {
		return this.action;
	}

	/** The resource's CRN, e.g. {@code crn:vserver:60108:server/srv-1}. */
	public String resource() {
		return this.resource;
	}

}
