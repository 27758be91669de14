package org.tessera.access;

import java.util.List;

import org.tessera.policy.Statement;

/**
 * The effective statements of a principal: every statement of every policy attached to
 * it, or the single allow-all statement of a root user. Implemented by the policy store;
 * declared here so that the guard does not depend on the store.
 */
public interface PrincipalStatements {

	List<Statement> statementsOf(PrincipalRef principal);

}
