package org.tessera.audit;

import org.jspecify.annotations.Nullable;

/**
 * An event as the log stores it: the real event, and what the caller's side sees instead
 * when that differs.
 */
record RecordedEvent(AuditEvent event, @Nullable CallerView callerView) {

	static RecordedEvent of(AuditEvent event) {
		return new RecordedEvent(event, null);
	}

}
