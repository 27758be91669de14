package org.tessera.oauth.login;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.tessera.access.PrincipalRef;

/**
 * A person who logged in on the login page: a root user or an IAM user. Its name is the
 * CRN, which becomes the {@code sub} of the tokens issued to it.
 */
public record PersonPrincipal(PrincipalRef principal) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return this.principal.crn().toString();
	}

	/**
	 * When the person of this login proved their password, to the second like a token's
	 * {@code iat}, so that a login in the second of a deletion counts as older; empty
	 * when the authentication is no person's login.
	 */
	public static Optional<Instant> loggedInAt(Authentication login) {
		if (!(login.getPrincipal() instanceof PersonPrincipal)) {
			return Optional.empty();
		}
		return login.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map((authority) -> ((FactorGrantedAuthority) authority).getIssuedAt())
			.min(Instant::compareTo)
			.map((issuedAt) -> issuedAt.truncatedTo(ChronoUnit.SECONDS));
	}

}
