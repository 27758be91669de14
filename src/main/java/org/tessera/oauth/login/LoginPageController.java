package org.tessera.oauth.login;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page people reach from {@code /oauth2/authorize}: account (id or root e-mail),
 * username (empty for the root user), password, and Spring Security's {@code _csrf} field.
 */
@Controller
class LoginPageController {

	@GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(CsrfToken csrf, @RequestParam(required = false) String error) {
		String message = (error != null) ? "<p role=\"alert\">The account, username or password is wrong.</p>" : "";
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
				""".formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
	}

}
