package org.tessera.policy;

/**
 * The outcome of evaluating a request. Both denials refuse the request; they are kept
 * apart so that audit messages can say whether a Deny statement refused it or simply no
 * Allow statement granted it.
 */
public enum Decision {

	ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

	/** True only for {@link #ALLOW}. */
	public boolean allowed() {
		return this == ALLOW;
	}

}
