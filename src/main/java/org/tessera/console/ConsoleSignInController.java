package org.tessera.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.tessera.TesseraProperties;
import org.tessera.oauth.client.TesseraClients;

/**
 * Signs people in to the console the way every client of Tessera signs them in: a
 * redirect to the authorization endpoint, whose login page asks for the root user's or an
 * IAM user's password, and back with a code that the console redeems with its PKCE
 * verifier. The token stays in the server's session; the browser holds only the session
 * cookie.
 */
@Controller
class ConsoleSignInController {

	private final String authorizationEndpoint;

	private final String redirectUri;

	private final ConsoleTokens tokens;

	private final ConsoleSessions sessions;

	ConsoleSignInController(AuthorizationServerSettings settings, TesseraProperties properties, ConsoleTokens tokens,
			ConsoleSessions sessions) {
		this.authorizationEndpoint = settings.getAuthorizationEndpoint();
		this.redirectUri = properties.issuer() + TesseraClients.CONSOLE_CALLBACK;
		this.tokens = tokens;
		this.sessions = sessions;
	}

	@GetMapping({ "/console", "/console/" })
	String home() {
		return "redirect:/console/service-accounts";
	}

	/** Starts a sign-in: a new state and verifier, then the authorization request. */
	@GetMapping("/console/sign-in")
	String signIn(HttpServletRequest request) {
		PendingSignIn signIn = PendingSignIn.start();
		request.getSession().setAttribute(PendingSignIn.ATTRIBUTE, signIn);
		String authorize = UriComponentsBuilder.fromPath(this.authorizationEndpoint)
			.queryParam("response_type", "code")
			.queryParam("client_id", TesseraClients.CONSOLE_CLIENT_ID)
			.queryParam("redirect_uri", this.redirectUri)
			.queryParam("scope", "openid")
			.queryParam("state", signIn.state())
			.queryParam("code_challenge", signIn.challenge())
			.queryParam("code_challenge_method", "S256")
			.encode()
			.toUriString();
		return "redirect:" + authorize;
	}

	/**
	 * The authorization endpoint's answer: a code for this browser's sign-in, redeemed at
	 * once, or an error, shown.
	 */
	@GetMapping(TesseraClients.CONSOLE_CALLBACK)
	String callback(HttpServletRequest request, @RequestParam(required = false) String code,
			@RequestParam(required = false) String state, @RequestParam(required = false) String error, Model model) {
		HttpSession session = request.getSession(false);
		PendingSignIn signIn = (session != null) ? (PendingSignIn) session.getAttribute(PendingSignIn.ATTRIBUTE) : null;
		if (signIn == null || !signIn.isAnsweredBy(state)) {
			return signedOut(model, "This sign-in has expired or was started in another window; sign in again.");
		}
		session.removeAttribute(PendingSignIn.ATTRIBUTE);
		if (error != null || code == null) {
			return signedOut(model, "The sign-in did not complete; sign in again.");
		}
		ConsoleSession me = this.sessions.signedIn(this.tokens.redeem(code, signIn));
		request.changeSessionId();
		request.getSession().setAttribute(ConsoleSession.ATTRIBUTE, me);
		return "redirect:/console/service-accounts";
	}

	@PostMapping("/console/sign-out")
	String signOut(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return signedOut(model, "You are signed out.");
	}

	@GetMapping("/console/signed-out")
	String signedOutPage(Model model) {
		return signedOut(model, "You are signed out.");
	}

	private static String signedOut(Model model, String message) {
		model.addAttribute("message", message);
		return "console/signed-out";
	}

}
