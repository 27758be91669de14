package org.tessera.access;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;
import org.tessera.policy.Crn;
import org.tessera.policy.PolicyEvaluator;

/**
 * Checks every management call against the caller's current policies before it touches
 * anything. The statements are read fresh from the store, so detaching a policy takes
 * effect at once, not when the caller's token expires.
 */
@Component
public class AccessGuard {

	private final PrincipalStatements statements;

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	public AccessGuard(PrincipalStatements statements) {
		this.statements = statements;
	}

	/**
	 * Returns normally when allowed; throws {@link PermissionDeniedException} otherwise.
	 */
	public void check(Caller caller, String action, Crn resource) {
		PrincipalRef principal = caller.principal();
		boolean allowed = this.evaluator
			.evaluate(principal.account().value(), this.statements.statementsOf(principal), caller.sessionPolicy(),
					action, resource.toString())
			.allowed();
		if (!allowed) {
			throw new PermissionDeniedException(action, resource.toString());
		}
	}

	/**
	 * Checks the action on an object as a path names it and, when its stored name differs
	 * in letter case, on the stored name too. User and policy names are unique
	 * case-insensitively, so a path may spell one in any case; a statement naming the
	 * object must hold however it is spelt. The name is looked up only once the caller
	 * may act on it as spelt, so a refusal tells nothing the caller's own statements do
	 * not. Returns the stored name (the name as given when nothing has it), so that
	 * callers need not look it up again.
	 */
	public String checkNamed(Caller caller, String action, String name, Function<String, Crn> resource,
			UnaryOperator<String> storedName) {
		check(caller, action, resource.apply(name));
		String stored = storedName.apply(name);
		if (!stored.equals(name)) {
			check(caller, action, resource.apply(stored));
		}
		return stored;
	}

}
