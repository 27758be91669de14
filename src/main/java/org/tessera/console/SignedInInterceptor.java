package org.tessera.console;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sends a browser with no usable console session (never signed in, signed out, or its
 * token about to expire) to the sign-in, before any page runs; a page can then count on
 * its {@link ConsoleSession}, which it also finds in the model as {@code me}.
 */
final class SignedInInterceptor implements HandlerInterceptor {

	private final Clock clock;

	SignedInInterceptor(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		HttpSession session = request.getSession(false);
		Object me = (session != null) ? session.getAttribute(ConsoleSession.ATTRIBUTE) : null;
		if (me instanceof ConsoleSession signedIn && signedIn.isUsableAt(this.clock.instant())) {
			request.setAttribute("me", signedIn);
			return true;
		}
		if (session != null) {
			session.removeAttribute(ConsoleSession.ATTRIBUTE);
		}
		response.sendRedirect("/console/sign-in");
		return false;
	}

}
