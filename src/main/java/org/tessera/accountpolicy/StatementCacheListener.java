package org.tessera.accountpolicy;

import org.springframework.stereotype.Component;
import org.tessera.access.PrincipalRef;
import org.tessera.cluster.ClusterListener;

/**
 * Keeps this node's effective statements in step with changes made on other nodes: a
 * principal whose attachments changed is dropped, and a changed policy, which may be
 * attached to anyone, makes every entry stale.
 */
@Component
class StatementCacheListener implements ClusterListener {

	static final String TOPIC = "statements";

	/** The key of a change that concerns every principal (a policy's). */
	static final String EVERY_PRINCIPAL = "*";

	private final StatementCache statements;

	StatementCacheListener(AccountPolicyService policies) {
		this.statements = policies.statementCache();
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	@Override
	public void changed(String key) {
		if (EVERY_PRINCIPAL.equals(key)) {
			this.statements.forgetAll();
		}
		else {
			PrincipalRef.fromCrn(key).ifPresentOrElse(this.statements::forget, this.statements::forgetAll);
		}
	}

	@Override
	public void resynchronize() {
		this.statements.forgetAll();
	}

}
