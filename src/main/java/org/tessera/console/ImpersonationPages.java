package org.tessera.console;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Impersonate service account" from the account menu: the console performs the token
 * exchange for the signed-in person (their token as actor, the display name they chose),
 * and from then on every page speaks for the service account, until "stop impersonating"
 * returns to the person's own session. A refusal shows the token endpoint's one message.
 */
@Controller
class ImpersonationPages {

	private final ConsoleTokens tokens;

	private final ConsoleSessions sessions;

	ImpersonationPages(ConsoleTokens tokens, ConsoleSessions sessions) {
		this.tokens = tokens;
		this.sessions = sessions;
	}

	@GetMapping("/console/impersonate")
	String form(Model model) {
		model.addAttribute("target", "");
		model.addAttribute("displayName", "");
		return "console/impersonate";
	}

	@PostMapping("/console/impersonate")
	String impersonate(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String target,
			@RequestParam(defaultValue = "") String displayName, HttpSession session, Model model) {
		ConsoleSession person = me.impersonating() ? me.signedIn() : me;
		try {
			if (target.isBlank()) {
				throw new ApiRefusal(400, "Enter the service account's id or CRN.");
			}
			ConsoleSession impersonating = this.sessions.impersonating(
					this.tokens.impersonate(target.strip(), person.accessToken(), displayName.strip()), person);
			session.setAttribute(ConsoleSession.ATTRIBUTE, impersonating);
			return "redirect:/console/vserver";
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("target", target);
			model.addAttribute("displayName", displayName);
			model.addAttribute("error", refusal.getMessage());
			return "console/impersonate";
		}
	}

	@PostMapping("/console/impersonate/stop")
	String stop(@RequestAttribute("me") ConsoleSession me, HttpSession session) {
		if (me.impersonating()) {
			session.setAttribute(ConsoleSession.ATTRIBUTE, me.signedIn());
		}
		return "redirect:/console/service-accounts";
	}

}
