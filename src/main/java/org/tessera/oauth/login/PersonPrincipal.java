package org.tessera.oauth.login;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.tessera.access.PrincipalRef;

/**
 * A person who logged in on the login page: a root user or an IAM user. Its name is the CRN,
 * which becomes the {@code sub} of the tokens issued to it.
 */
public record PersonPrincipal(PrincipalRef principal) implements AuthenticatedPrincipal {

	@Override
	public String getName() {
		return this.principal.crn().toString();
	}

}
