package org.tessera.audit;

import org.jspecify.annotations.Nullable;

/**
 * Where a decision is written for the audit log, as the providers that decide see it:
 * {@link AuditLog} is the durable one. Recording returns once the event is stored, so an
 * answer that depends on it never leaves before its audit event.
 */
public interface AuditTrail {

	/**
	 * Writes the event; every account other than the event's target account sees it
	 * through {@code callerView}, when given.
	 */
	void record(AuditEvent event, @Nullable CallerView callerView);

	/** Writes the event as every account sees it. */
	default void record(AuditEvent event) {
		record(event, null);
	}

}
