package org.tessera.oauth.login;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page: account (id or root e-mail), username (empty for the root user),
 * password, Spring Security's {@code _csrf} field, and a message when the last attempt
 * failed.
 */
final class LoginPage {

	private LoginPage() {
	}

	static String render(CsrfToken csrf, String message) {
		String alert = (message != null) ? "<p role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>" : "";
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Sign in to Tessera</title></head>
				<body><main>
				<h1>Sign in to Tessera</h1>
				%s
				<form method="post" action="/login">
				<label>Account id or root e-mail <input name="account" required autofocus></label><br>
				<label>User name (empty for the root user) <input name="username"></label><br>
				<label>Password <input name="password" type="password" required></label><br>
				<input type="hidden" name="%s" value="%s">
				<button type="submit">Sign in</button>
				</form>
				</main></body></html>
				""".formatted(alert, HtmlUtils.htmlEscape(csrf.getParameterName()),
				HtmlUtils.htmlEscape(csrf.getToken()));
	}

}
