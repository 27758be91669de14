package org.tessera.problem;

/**
 * Tells a failure that will pass (the database is briefly unreachable) from a defect, so
 * that the management API can answer the first 503 with {@code Retry-After} and the
 * second 500. The module that knows the database implements it; this package stays free
 * of it.
 */
public interface TemporaryFailures {

	/**
	 * Whether the failure is an outage a retry can outlive.
	 * @param failure what a request threw
	 * @return true when the client should retry later
	 */
	boolean isTemporary(Throwable failure);

}
