package org.tessera.console;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The current account's servers on vServer, the demo resource server: list, create,
 * start, stop and delete, each a call of vServer's API with the console's current token.
 * vServer's refusal (a 403 naming the action and the resource) is shown as it says it.
 */
@Controller
class VServerPages {

	private static final String SERVERS = "/vserver/v1/accounts/{acct}/servers";

	private final VServerApi vServer;

	VServerPages(VServerApi vServer) {
		this.vServer = vServer;
	}

	@GetMapping("/console/vserver")
	String servers(@RequestAttribute("me") ConsoleSession me, Model model) {
		List<Map<String, Object>> servers;
		try {
			servers = this.vServer.list(me, SERVERS, me.accountId());
		}
		catch (ApiRefusal refusal) {
			servers = List.of();
			if (!model.containsAttribute("error")) {
				model.addAttribute("error", refusal.getMessage());
			}
		}
		model.addAttribute("servers", servers);
		return "console/vserver";
	}

	@PostMapping("/console/vserver")
	String create(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String name,
			RedirectAttributes flash) {
		return change(flash, "Created " + name.strip() + ".",
				() -> this.vServer.post(me, Map.of("name", name.strip()), SERVERS, me.accountId()));
	}

	@PostMapping("/console/vserver/{id}/{action:start|stop}")
	String startOrStop(@RequestAttribute("me") ConsoleSession me, @PathVariable String id, @PathVariable String action,
			RedirectAttributes flash) {
		return change(flash, (action.equals("stop") ? "Stopped " : "Started ") + id + ".",
				() -> this.vServer.post(me, null, SERVERS + "/{id}/" + action, me.accountId(), id));
	}

	@PostMapping("/console/vserver/{id}/delete")
	String delete(@RequestAttribute("me") ConsoleSession me, @PathVariable String id, RedirectAttributes flash) {
		return change(flash, "Deleted " + id + ".",
				() -> this.vServer.delete(me, SERVERS + "/{id}", me.accountId(), id));
	}

	private static String change(RedirectAttributes flash, String done, Runnable call) {
		return PageChanges.run(flash, "/console/vserver", done, call);
	}

}
