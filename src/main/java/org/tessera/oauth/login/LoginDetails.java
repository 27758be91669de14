package org.tessera.oauth.login;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The login form's {@code account} field (account id or root e-mail), carried beside username and password. */
public final class LoginDetails extends WebAuthenticationDetails {

	private final String account;

	public LoginDetails(HttpServletRequest request) {
		super(request);
		String value = request.getParameter("account");
		this.account = (value != null) ? value.strip() : "";
	}

	public String account() {
		return this.account;
	}

}
