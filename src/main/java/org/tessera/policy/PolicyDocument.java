package org.tessera.policy;

import java.util.List;

/**
 * A named policy as stored and attached to principals: the unit an administrator creates,
 * reads and attaches. The constructor enforces the name syntax and presence of every
 * part, and refuses a bad document with an {@link InvalidPolicyException}; length and
 * count limits are enforced by {@link PolicyParser}.
 *
 * @param name letters, digits and {@code +=,.@_-}
 * @param description free text, may be empty but not null
 * @param statements at least one statement, immutable
 */
public record PolicyDocument(String name, String description, List<Statement> statements) {

	/**
	 * @throws InvalidPolicyException if a part is missing, the name is malformed or there
	 * is no statement
	 */
	public PolicyDocument {
		if (name == null) {
			throw new InvalidPolicyException("name", "is required");
		}
		SyntaxRules.checkPolicyName("name", name);
		if (description == null) {
			throw new InvalidPolicyException("description", "must be a string");
		}
		if (statements == null) {
			throw new InvalidPolicyException("statements", "is required");
		}
		if (statements.isEmpty()) {
			throw new InvalidPolicyException("statements", "must not be empty");
		}
		for (int i = 0; i < statements.size(); i++) {
			if (statements.get(i) == null) {
				throw new InvalidPolicyException("statements[" + i + "]", "must be an object");
			}
		}
		statements = List.copyOf(statements);
	}
}
