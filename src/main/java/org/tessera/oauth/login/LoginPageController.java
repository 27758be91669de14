package org.tessera.oauth.login;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The login page people reach from {@code /oauth2/authorize} ({@link LoginPage}). */
@Controller
class LoginPageController {

	@GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(CsrfToken csrf, @RequestParam(required = false) String error) {
		return LoginPage.render(csrf, (error != null) ? "The account, username or password is wrong." : null);
	}

}
