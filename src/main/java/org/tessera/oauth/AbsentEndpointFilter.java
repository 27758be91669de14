package org.tessera.oauth;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.tessera.problem.ErrorBodies;

/**
 * Switches off endpoints Spring Authorization Server always installs with OpenID Connect
 * but that cannot work with Tessera's self-contained tokens, which are never stored:
 * UserInfo and RP-initiated logout look the token up in the authorization store and would
 * refuse every one. They answer 404 problem+json, as any path that does not exist, and
 * discovery does not list them.
 */
final class AbsentEndpointFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
		ErrorBodies.write((HttpServletResponse) response, ((HttpServletRequest) request).getRequestURI(),
				HttpStatus.NOT_FOUND.value(), "no such endpoint");
	}

}
