package org.tessera.storage;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;
import org.tessera.audit.AuditEvent;
import org.tessera.audit.AuditLog;
import org.tessera.serviceaccount.ServiceAccount;

/**
 * Audits each use of an access key, as the storage service's request for the day's
 * signing key: an event {@code UseAccessKey} in the service account's account, whose
 * client is the access key id. A refused use (inactive key, disabled or deleted service
 * account) is recorded too, with its reason, so that an account sees who still holds an
 * old key.
 */
@Component
class AccessKeyUseAudit {

	static final String EVENT_TYPE = "UseAccessKey";

	private final AuditLog log;

	private final Clock clock;

	AccessKeyUseAudit(AuditLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	void used(String accessKeyId, ServiceAccount sa) {
		record(accessKeyId, sa, AuditEvent.ALLOWED, "ok");
	}

	void refused(String accessKeyId, ServiceAccount sa, String reason) {
		record(accessKeyId, sa, AuditEvent.DENIED, reason);
	}

	private void record(String accessKeyId, ServiceAccount sa, String decision, String reason) {
		String crn = sa.principal().crn().toString();
		String account = sa.account().value();
		this.log.record(new AuditEvent(0, this.clock.instant(), EVENT_TYPE, decision, reason, crn, account, List.of(),
				crn, account, accessKeyId));
	}

}
