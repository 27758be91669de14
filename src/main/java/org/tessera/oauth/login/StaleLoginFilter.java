package org.tessera.oauth.login;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.oauth.token.TokenIdentityResolver;

/**
 * Ends the browser session of a person who was deleted since they logged in, before
 * Spring Security reads it, so that the authorization endpoint shows the login page again
 * instead of handing a code to a stale session, which would speak for a new user given
 * the same name.
 */
final class StaleLoginFilter extends OncePerRequestFilter {

	private final TokenIdentityResolver identities;

	StaleLoginFilter(TokenIdentityResolver identities) {
		this.identities = identities;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			endIfStale(session);
		}
		chain.doFilter(request, response);
	}

	/**
	 * A concurrent request of the same browser may have ended the session already: then
	 * nothing is left to do.
	 */
	private void endIfStale(HttpSession session) {
		try {
			if (session.getAttribute(
					HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
					&& context.getAuthentication() != null && isStale(context.getAuthentication())) {
				session.invalidate();
			}
		}
		catch (IllegalStateException alreadyEnded) {
			// the session was invalidated meanwhile, which is what this filter wanted
		}
	}

	private boolean isStale(Authentication login) {
		return login.getPrincipal() instanceof PersonPrincipal person && PersonPrincipal.loggedInAt(login)
			.filter((loggedInAt) -> this.identities.isActive(person.principal(), loggedInAt))
			.isEmpty();
	}

}
