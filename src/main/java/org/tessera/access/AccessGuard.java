package org.tessera.access;

import org.springframework.stereotype.Component;
import org.tessera.policy.Crn;
import org.tessera.policy.PolicyEvaluator;

/**
 * Checks every management call against the caller's current policies before it touches
 * anything. The statements are read fresh from the store, so detaching a policy takes effect
 * at once, not when the caller's token expires.
 */
@Component
public class AccessGuard {

	private final PrincipalStatements statements;

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	public AccessGuard(PrincipalStatements statements) {
		this.statements = statements;
	}

	/** Returns normally when allowed; throws {@link PermissionDeniedException} otherwise. */
	public void check(Caller caller, String action, Crn resource) {
		PrincipalRef principal = caller.principal();
		boolean allowed = this.evaluator
			.evaluate(principal.account().value(), this.statements.statementsOf(principal), action, resource.toString())
			.allowed();
		if (!allowed) {
			throw new PermissionDeniedException(action, resource.toString());
		}
	}

}
