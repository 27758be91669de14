package org.tessera.access;

/**
 * The authenticated caller of a management call, read from its bearer token: the principal
 * the token was issued to (after impersonation, the impersonated service account).
 */
public record Caller(PrincipalRef principal) {

	public String crn() {
		return this.principal.crn().toString();
	}

}
