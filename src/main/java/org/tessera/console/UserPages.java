package org.tessera.console;

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
 * The console's IAM-user pages: the list, creating a user with a password, and a user's
 * attached policies, attached and detached there.
 */
@Controller
class UserPages {

	private static final String USERS = "/iam/v1/accounts/{acct}/users";

	private final ManagementApi api;

	private final PolicyChoices policies;

	UserPages(ManagementApi api, PolicyChoices policies) {
		this.api = api;
		this.policies = policies;
	}

	@GetMapping("/console/users")
	String list(@RequestAttribute("me") ConsoleSession me, Model model) {
		model.addAttribute("users", this.api.list(me, USERS + "?pageSize=1000", me.accountId()));
		return "console/users";
	}

	@PostMapping("/console/users")
	String create(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String password, RedirectAttributes flash) {
		try {
			this.api.post(me, Map.of("name", name.strip(), "password", password), USERS, me.accountId());
			flash.addFlashAttribute("notice", "Created user " + name.strip() + ".");
			return "redirect:/console/users/" + name.strip();
		}
		catch (ApiRefusal refusal) {
			flash.addFlashAttribute("error", refusal.getMessage());
			flash.addFlashAttribute("typedName", name);
			return "redirect:/console/users";
		}
	}

	@GetMapping("/console/users/{name}")
	String detail(@RequestAttribute("me") ConsoleSession me, @PathVariable String name, Model model) {
		model.addAttribute("user", this.api.get(me, USERS + "/{name}", me.accountId(), name));
		model.addAttribute("policyChoices", this.policies.names(me));
		return "console/user";
	}

	@PostMapping("/console/users/{name}/policies")
	String attach(@RequestAttribute("me") ConsoleSession me, @PathVariable String name,
			@RequestParam(defaultValue = "") String policy, RedirectAttributes flash) {
		return PageChanges.run(flash, "/console/users/" + name, "Attached " + policy + ".",
				() -> this.api.put(me, null, USERS + "/{name}/policies/{policy}", me.accountId(), name, policy));
	}

	@PostMapping("/console/users/{name}/policies/{policy}/detach")
	String detach(@RequestAttribute("me") ConsoleSession me, @PathVariable String name, @PathVariable String policy,
			RedirectAttributes flash) {
		return PageChanges.run(flash, "/console/users/" + name, "Detached " + policy + ".",
				() -> this.api.delete(me, USERS + "/{name}/policies/{policy}", me.accountId(), name, policy));
	}

	@PostMapping("/console/users/{name}/delete")
	String delete(@RequestAttribute("me") ConsoleSession me, @PathVariable String name, RedirectAttributes flash) {
		return PageChanges.run(flash, "/console/users", "Deleted user " + name + ".",
				() -> this.api.delete(me, USERS + "/{name}", me.accountId(), name));
	}

}
