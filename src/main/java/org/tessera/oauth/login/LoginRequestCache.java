package org.tessera.oauth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Remembers, in the session, where to send a person back after the login: only for a
 * browser's request to the authorization endpoint, and only its URL (at most
 * {@value #MAX_URL_LENGTH} characters), not a copy of the request with its headers. Every
 * other request that needs a login is answered without a session, so a request nobody
 * logs in for costs the server nothing after its answer. The URL is kept under Spring
 * Security's own attribute, where the login's success handler finds it.
 */
public final class LoginRequestCache implements RequestCache {

	/**
	 * Longer than any authorization request of a client registered here (about 300
	 * characters).
	 */
	static final int MAX_URL_LENGTH = 4096;

	private static final String ATTRIBUTE = "SPRING_SECURITY_SAVED_REQUEST";

	private final RequestMatcher remembered;

	/**
	 * @param remembered the requests whose URL is worth a session
	 */
	public LoginRequestCache(RequestMatcher remembered) {
		this.remembered = remembered;
	}

	/**
	 * A cache that remembers nothing and reads what the authorization endpoint's cache
	 * remembered.
	 */
	public static LoginRequestCache readOnly() {
		return new LoginRequestCache((request) -> false);
	}

	@Override
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		if (!this.remembered.matches(request)) {
			return;
		}
		StringBuffer url = request.getRequestURL();
		if (request.getQueryString() != null) {
			url.append('?').append(request.getQueryString());
		}
		if (url.length() <= MAX_URL_LENGTH) {
			request.getSession().setAttribute(ATTRIBUTE, new SimpleSavedRequest(url.toString()));
		}
	}

	@Override
	public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof SavedRequest saved) ? saved : null;
	}

	/**
	 * The browser comes back with the whole URL, so nothing needs restoring: the
	 * remembered one is forgotten.
	 */
	@Override
	public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		// asked on every request of the chain, token requests included: those have no
		// session, and cost nothing
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ATTRIBUTE) != null && this.remembered.matches(request)) {
			session.removeAttribute(ATTRIBUTE);
		}
		return null;
	}

	@Override
	public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ATTRIBUTE) != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
