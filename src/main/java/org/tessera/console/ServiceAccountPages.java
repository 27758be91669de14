package org.tessera.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's service-account pages: the list with search, the create wizard that shows
 * the new secret once, and a detail page with its permissions, trust, secrets, keys and
 * actions. Each page is one or two calls of the management API with the person's token; a
 * refusal is shown in the API's words next to the form that caused it.
 */
@Controller
class ServiceAccountPages {

	private static final String ACCOUNT_PATH = "/iam/v1/accounts/{acct}/service-accounts";

	private static final String ONE_PATH = ACCOUNT_PATH + "/{saId}";

	private static final List<String> TABS = List.of("permissions", "trust", "secrets", "keys", "actions");

	private final ManagementApi api;

	private final PolicyChoices policies;

	private final JsonMapper json;

	ServiceAccountPages(ManagementApi api, PolicyChoices policies, JsonMapper json) {
		this.api = api;
		this.policies = policies;
		this.json = json;
	}

	@GetMapping("/console/service-accounts")
	String list(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String q, Model model) {
		String search = q.strip().toLowerCase(Locale.ROOT);
		List<Map<String, Object>> all = this.api.list(me, ACCOUNT_PATH + "?pageSize=1000&showDeleted=true",
				me.accountId());
		List<Map<String, Object>> shown = all.stream()
			.filter((sa) -> search.isEmpty() || text(sa, "name").toLowerCase(Locale.ROOT).contains(search)
					|| text(sa, "id").toLowerCase(Locale.ROOT).contains(search))
			.toList();
		model.addAttribute("q", q);
		model.addAttribute("serviceAccounts", shown);
		return "console/service-accounts";
	}

	@GetMapping("/console/service-accounts/new")
	String newServiceAccount(@RequestAttribute("me") ConsoleSession me, Model model) {
		model.addAttribute("form", new CreateForm("", "", "", List.of()));
		return createPage(me, model, null);
	}

	@PostMapping("/console/service-accounts")
	String create(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description,
			@RequestParam(defaultValue = "") String trustedAccounts,
			@RequestParam(required = false) List<String> policies, Model model, RedirectAttributes flash) {
		CreateForm form = new CreateForm(name, description, trustedAccounts, (policies != null) ? policies : List.of());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name.strip());
		if (!description.isBlank()) {
			body.put("description", description.strip());
		}
		List<String> trusted = accountIds(trustedAccounts);
		if (!trusted.isEmpty()) {
			body.put("trustedAccounts", trusted);
		}
		if (!form.policies().isEmpty()) {
			body.put("policies", form.policies());
		}
		try {
			Map<String, Object> created = this.api.post(me, body, ACCOUNT_PATH, me.accountId());
			flash.addFlashAttribute("created", created);
			return "redirect:/console/service-accounts/" + text(created, "id") + "/created";
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("form", form);
			return createPage(me, model, refusal.getMessage());
		}
	}

	/**
	 * The last step of the wizard: the client id and secret, shown this once (the secret
	 * travels only in a one-time flash attribute of the session).
	 */
	@GetMapping("/console/service-accounts/{saId}/created")
	String created(@PathVariable String saId, Model model) {
		if (!model.containsAttribute("created")) {
			return "redirect:/console/service-accounts/" + saId;
		}
		return "console/service-account-created";
	}

	@GetMapping("/console/service-accounts/{saId}")
	String detail(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "permissions") String tab, Model model) {
		Map<String, Object> sa = this.api.get(me, ONE_PATH, me.accountId(), saId);
		model.addAttribute("sa", sa);
		model.addAttribute("tab", TABS.contains(tab) ? tab : "permissions");
		model.addAttribute("tabs", TABS);
		switch ((String) model.getAttribute("tab")) {
			case "permissions" -> model.addAttribute("policyChoices", this.policies.names(me));
			case "secrets" ->
				model.addAttribute("secrets", this.api.list(me, ONE_PATH + "/secrets", me.accountId(), saId));
			case "keys" -> model.addAttribute("keys", this.api.list(me, ONE_PATH + "/keys", me.accountId(), saId));
			default -> {
			}
		}
		return "console/service-account";
	}

	@PostMapping("/console/service-accounts/{saId}/policies")
	String attach(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "") String policy, RedirectAttributes flash) {
		return change(flash, saId, "permissions", "Attached " + policy + ".",
				() -> this.api.put(me, null, ONE_PATH + "/policies/{policy}", me.accountId(), saId, policy));
	}

	@PostMapping("/console/service-accounts/{saId}/policies/{policy}/detach")
	String detach(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId, @PathVariable String policy,
			RedirectAttributes flash) {
		return change(flash, saId, "permissions", "Detached " + policy + ".",
				() -> this.api.delete(me, ONE_PATH + "/policies/{policy}", me.accountId(), saId, policy));
	}

	@PostMapping("/console/service-accounts/{saId}/trust")
	String trust(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "") String accounts, RedirectAttributes flash) {
		return change(flash, saId, "trust", "Trust saved.", () -> this.api.put(me,
				Map.of("accounts", accountIds(accounts)), ONE_PATH + "/trust", me.accountId(), saId));
	}

	@PostMapping("/console/service-accounts/{saId}/secrets")
	String createSecret(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "") String expiresAt, RedirectAttributes flash) {
		Map<String, Object> body = expiresAt.isBlank() ? Map.of() : Map.of("expiresAt", expiresAt.strip());
		return change(flash, saId, "secrets", null, () -> flash.addFlashAttribute("createdSecret",
				this.api.post(me, body, ONE_PATH + "/secrets", me.accountId(), saId)));
	}

	@PostMapping("/console/service-accounts/{saId}/secrets/{secretId}/delete")
	String deleteSecret(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@PathVariable String secretId, RedirectAttributes flash) {
		return change(flash, saId, "secrets", "Deleted secret " + secretId + ".",
				() -> this.api.delete(me, ONE_PATH + "/secrets/{secretId}", me.accountId(), saId, secretId));
	}

	/**
	 * Creates a key pair and answers with its key file as a download, the only time the
	 * private key is ever sent.
	 */
	@PostMapping("/console/service-accounts/{saId}/keys")
	Object createKey(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "ES256") String algorithm, RedirectAttributes flash) {
		try {
			Map<String, Object> keyFile = this.api.post(me, Map.of("algorithm", algorithm), ONE_PATH + "/keys",
					me.accountId(), saId);
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename("key-" + text(keyFile, "keyId") + ".json")
							.build()
							.toString())
				.body(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(keyFile));
		}
		catch (ApiRefusal refusal) {
			flash.addFlashAttribute("error", refusal.getMessage());
			return "redirect:/console/service-accounts/" + saId + "?tab=keys";
		}
	}

	@PostMapping("/console/service-accounts/{saId}/keys/upload")
	String uploadKey(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId,
			@RequestParam(defaultValue = "") String publicKeyPem, RedirectAttributes flash) {
		return change(flash, saId, "keys", "Public key uploaded.", () -> this.api.post(me,
				Map.of("publicKeyPem", publicKeyPem), ONE_PATH + "/keys", me.accountId(), saId));
	}

	@PostMapping("/console/service-accounts/{saId}/keys/{keyId}/delete")
	String deleteKey(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId, @PathVariable String keyId,
			RedirectAttributes flash) {
		return change(flash, saId, "keys", "Deleted key " + keyId + ".",
				() -> this.api.delete(me, ONE_PATH + "/keys/{keyId}", me.accountId(), saId, keyId));
	}

	/** Disable, enable, delete or undelete. */
	@PostMapping("/console/service-accounts/{saId}/{action:disable|enable|delete|undelete}")
	String act(@RequestAttribute("me") ConsoleSession me, @PathVariable String saId, @PathVariable String action,
			RedirectAttributes flash) {
		Runnable call = action.equals("delete") ? () -> this.api.delete(me, ONE_PATH, me.accountId(), saId)
				: () -> this.api.post(me, null, ONE_PATH + "/" + action, me.accountId(), saId);
		String done = switch (action) {
			case "disable" -> "Disabled.";
			case "enable" -> "Enabled.";
			case "delete" -> "Deleted; it can be undeleted for the retention period.";
			default -> "Undeleted.";
		};
		if (action.equals("delete")) {
			try {
				call.run();
				flash.addFlashAttribute("notice",
						"Deleted " + saId + "; it can be undeleted for the retention period.");
				return "redirect:/console/service-accounts";
			}
			catch (ApiRefusal refusal) {
				flash.addFlashAttribute("error", refusal.getMessage());
				return "redirect:/console/service-accounts/" + saId + "?tab=actions";
			}
		}
		return change(flash, saId, "actions", done, call);
	}

	private static String change(RedirectAttributes flash, String saId, String tab, String done, Runnable call) {
		return PageChanges.run(flash, "/console/service-accounts/" + saId + "?tab=" + tab, done, call);
	}

	private String createPage(ConsoleSession me, Model model, String error) {
		model.addAttribute("policyChoices", this.policies.names(me));
		model.addAttribute("error", error);
		return "console/service-account-new";
	}

	/** Account ids typed one per line, or separated by commas or spaces. */
	private static List<String> accountIds(String typed) {
		return Arrays.stream(typed.split("[\\s,]+")).filter((id) -> !id.isBlank()).distinct().toList();
	}

	private static String text(Map<String, Object> json, String field) {
		Object value = json.get(field);
		return (value != null) ? value.toString() : "";
	}

	/** What the person typed in the create wizard, shown again after a refusal. */
	record CreateForm(String name, String description, String trustedAccounts, List<String> policies) {
	}

}
