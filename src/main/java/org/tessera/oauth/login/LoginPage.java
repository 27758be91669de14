package org.tessera.oauth.login;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page, with its two choices: the root user (account id or root e-mail, and
 * password) and an IAM user (the same and the user's name), each a form of its own with
 * Spring Security's {@code _csrf} field, and a message when the last attempt failed.
 */
final class LoginPage {

	private LoginPage() {
	}

	static String render(CsrfToken csrf, String message) {
		String alert = (message != null) ? "<p role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>" : "";
		String field = HtmlUtils.htmlEscape(csrf.getParameterName());
		String token = HtmlUtils.htmlEscape(csrf.getToken());
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Sign in to Tessera</title>
				<link rel="stylesheet" href="/console/assets/console.css"></head>
				<body><main class="narrow">
				<h1>Sign in to Tessera</h1>
				%s
				<form method="post" action="/login" aria-labelledby="root-title">
				<fieldset><legend id="root-title">Root user</legend>
				<label for="root-account">Account id or root e-mail</label><input id="root-account" name="account" required autofocus>
				<input type="hidden" name="username" value="">
				<label for="root-password">Password</label><input id="root-password" name="password" type="password" required>
				<input type="hidden" name="%s" value="%s">
				<p><button type="submit" class="primary">Sign in as root user</button></p>
				</fieldset>
				</form>
				<form method="post" action="/login" aria-labelledby="user-title">
				<fieldset><legend id="user-title">IAM user</legend>
				<label for="user-account">Account id or root e-mail</label><input id="user-account" name="account" required>
				<label for="user-name">User name</label><input id="user-name" name="username" required>
				<label for="user-password">Password</label><input id="user-password" name="password" type="password" required>
				<input type="hidden" name="%s" value="%s">
				<p><button type="submit" class="primary">Sign in as IAM user</button></p>
				</fieldset>
				</form>
				</main></body></html>
				"""
			.formatted(alert, field, token, field, token);
	}

}
