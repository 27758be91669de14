package org.tessera.serviceaccount;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.AccessGuard;
import org.tessera.access.Caller;
import org.tessera.access.IamResources;
import org.tessera.account.AccountId;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.accountpolicy.PolicyAttachmentGuard;
import org.tessera.audit.ChangeAudit;
import org.tessera.web.IfMatch;

/**
 * Policies attached to a service account, under
 * {@code /iam/v1/accounts/{acct}/service-accounts/{saId}/policies/{policy}}: attaching or
 * detaching one needs the right on the service account and on the policy, and bumps the
 * service account's version (answered as its new ETag).
 */
@RestController
class ServiceAccountPolicyController {

	private static final String BASE = "/iam/v1/accounts/{acct}/service-accounts/{saId}/policies/{policy}";

	private final ServiceAccountLifecycle lifecycle;

	private final AccessGuard guard;

	private final AccountPolicyService policies;

	private final PolicyAttachmentGuard attachments;

	private final ChangeAudit audit;

	ServiceAccountPolicyController(ServiceAccountLifecycle lifecycle, AccessGuard guard, AccountPolicyService policies,
			PolicyAttachmentGuard attachments, ChangeAudit audit) {
		this.lifecycle = lifecycle;
		this.guard = guard;
		this.policies = policies;
		this.attachments = attachments;
		this.audit = audit;
	}

	@PutMapping(BASE)
	ResponseEntity<Void> attach(Caller caller, AccountId account, @PathVariable String saId,
			@PathVariable String policy, IfMatch ifMatch) {
		this.guard.check(caller, "iam:AttachPolicy", IamResources.serviceAccount(account, saId));
		this.attachments.check(caller, "iam:AttachPolicy", account, policy);
		ServiceAccount sa = this.lifecycle.attach(account, saId, policy, ifMatch);
		record(caller, "AttachPolicy", account, policy, sa);
		return ResponseEntity.noContent().eTag(sa.etag()).build();
	}

	@DeleteMapping(BASE)
	ResponseEntity<Void> detach(Caller caller, AccountId account, @PathVariable String saId,
			@PathVariable String policy, IfMatch ifMatch) {
		this.guard.check(caller, "iam:DetachPolicy", IamResources.serviceAccount(account, saId));
		this.attachments.check(caller, "iam:DetachPolicy", account, policy);
		ServiceAccount sa = this.lifecycle.detach(account, saId, policy, ifMatch);
		record(caller, "DetachPolicy", account, policy, sa);
		return ResponseEntity.noContent().eTag(sa.etag()).build();
	}

	/** Audits the change with the policy's name as stored, however the path spelt it. */
	private void record(Caller caller, String type, AccountId account, String policy, ServiceAccount sa) {
		this.audit.record(caller, type, this.policies.storedName(account, policy), sa.principal().crn());
	}

}
