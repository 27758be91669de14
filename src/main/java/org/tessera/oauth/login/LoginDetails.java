package org.tessera.oauth.login;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's {@code account} field (account id or root e-mail), carried beside
 * username and password, and the source the login is throttled by.
 */
public final class LoginDetails extends WebAuthenticationDetails {

	private final String account;

	private final String source;

	public LoginDetails(HttpServletRequest request, String source) {
		super(request);
		String value = request.getParameter("account");
		this.account = (value != null) ? value.strip() : "";
		this.source = source;
	}

	public String account() {
		return this.account;
	}

	/** The address the login came from, as {@code SourceResolver} sees it. */
	public String source() {
		return this.source;
	}

}
