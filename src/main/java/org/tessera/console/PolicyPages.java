package org.tessera.console;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's policy pages: the list of the account's own and the managed policies, a
 * policy's statements and its usage (where it is attached, and attaching it to a user or
 * a service account from there), and the editor, in a visual and a JSON mode that show
 * the same policy: each switch converts what was typed.
 */
@Controller
class PolicyPages {

	private static final String POLICIES = "/iam/v1/accounts/{acct}/policies";

	private final ManagementApi api;

	private final JsonMapper json;

	PolicyPages(ManagementApi api, JsonMapper json) {
		this.api = api;
		this.json = json;
	}

	@GetMapping("/console/policies")
	String list(@RequestAttribute("me") ConsoleSession me, Model model) {
		model.addAttribute("managed", this.api.list(me, "/iam/v1/managed-policies"));
		try {
			model.addAttribute("own", this.api.list(me, POLICIES + "?pageSize=1000", me.accountId()));
		}
		catch (ApiRefusal refusal) {
			model.addAttribute("own", List.of());
			model.addAttribute("error", refusal.getMessage());
		}
		return "console/policies";
	}

	@GetMapping("/console/policies/{name}")
	String detail(@RequestAttribute("me") ConsoleSession me, @PathVariable String name,
			@RequestParam(defaultValue = "statements") String tab, Model model) {
		Map<String, Object> policy = findManaged(me, name);
		if (policy == null) {
			policy = this.api.get(me, POLICIES + "/{name}", me.accountId(), name);
		}
		model.addAttribute("policy", policy);
		model.addAttribute("policyJson", pretty(policy.get("statements")));
		model.addAttribute("tab", "usage".equals(tab) ? "usage" : "statements");
		if ("usage".equals(tab)) {
			try {
				model.addAttribute("attachments",
						this.api.list(me, POLICIES + "/{name}/attachments", me.accountId(), name));
			}
			catch (ApiRefusal refusal) {
				model.addAttribute("attachments", List.of());
				model.addAttribute("usageError", refusal.getMessage());
			}
		}
		return "console/policy";
	}

	/** Attaches the policy to a user or a service account of the account. */
	@PostMapping("/console/policies/{name}/attach")
	String attach(@RequestAttribute("me") ConsoleSession me, @PathVariable String name,
			@RequestParam(defaultValue = "user") String kind, @RequestParam(defaultValue = "") String principal,
			RedirectAttributes flash) {
		String path = "service-account".equals(kind) ? "/iam/v1/accounts/{acct}/service-accounts/{p}/policies/{name}"
				: "/iam/v1/accounts/{acct}/users/{p}/policies/{name}";
		return PageChanges.run(flash, "/console/policies/" + name + "?tab=usage",
				"Attached " + name + " to " + principal.strip() + ".",
				() -> this.api.put(me, null, path, me.accountId(), principal.strip(), name));
	}

	@PostMapping("/console/policies/{name}/delete")
	String delete(@RequestAttribute("me") ConsoleSession me, @PathVariable String name, RedirectAttributes flash) {
		try {
			this.api.delete(me, POLICIES + "/{name}", me.accountId(), name);
			flash.addFlashAttribute("notice", "Deleted policy " + name + ".");
			return "redirect:/console/policies";
		}
		catch (ApiRefusal refusal) {
			flash.addFlashAttribute("error", refusal.getMessage());
			return "redirect:/console/policies/" + name;
		}
	}

	@GetMapping("/console/policies/new")
	String create(Model model) {
		return visual(model, PolicyDraft.empty(), false, null);
	}

	@GetMapping("/console/policies/{name}/edit")
	String edit(@RequestAttribute("me") ConsoleSession me, @PathVariable String name, Model model) {
		Map<String, Object> policy = this.api.get(me, POLICIES + "/{name}", me.accountId(), name);
		return visual(model, PolicyDraft.fromDocument(policy), true, null);
	}

	/**
	 * Every button of the visual editor: {@code op} is {@code save}, {@code json} (switch
	 * to the JSON editor), {@code addStatement}, {@code product} (offer the chosen
	 * product's actions) or {@code addServiceAccount:<i>} (add the service account typed
	 * under statement i as a resource).
	 */
	@PostMapping("/console/policies/editor")
	String visualEditor(@RequestAttribute("me") ConsoleSession me, @RequestParam MultiValueMap<String, String> form,
			Model model, RedirectAttributes flash) {
		PolicyDraft draft = PolicyDraft.fromForm(form);
		boolean existing = "true".equals(form.getFirst("existing"));
		String op = String.valueOf(form.getFirst("op"));
		if (op.equals("json")) {
			return jsonMode(model, pretty(draft.toDocument()), existing, null, 0);
		}
		if (op.equals("addStatement")) {
			return visual(model, draft.withStatement(PolicyDraft.StatementDraft.empty()), existing, null);
		}
		if (op.startsWith("addServiceAccount:")) {
			int i = statementIndex(op.substring("addServiceAccount:".length()));
			if (i < 0 || i >= draft.statements().size()) {
				return visual(model, draft, existing, null);
			}
			String account = String.valueOf(form.getFirst("s" + i + ".saAccount")).strip();
			String saId = String.valueOf(form.getFirst("s" + i + ".saId")).strip();
			if (account.isEmpty() || saId.isEmpty()) {
				return visual(model, draft, existing, "Enter the account id and the service-account id to add.");
			}
			String crn = "crn:iam:" + account + ":service-account/" + saId;
			return visual(model, draft.withStatementAt(i, draft.statements().get(i).withResource(crn)), existing, null);
		}
		if (!op.equals("save")) {
			return visual(model, draft, existing, null);
		}
		try {
			save(me, draft.toDocument(), existing);
			flash.addFlashAttribute("notice", "Saved policy " + draft.name() + ".");
			return "redirect:/console/policies/" + draft.name();
		}
		catch (ApiRefusal refusal) {
			return visual(model, draft, existing, refusal.getMessage());
		}
	}

	/**
	 * The JSON editor's buttons: {@code save}, or {@code visual} (switch back, which
	 * needs JSON that parses).
	 */
	@PostMapping("/console/policies/json")
	@SuppressWarnings("unchecked")
	String jsonEditor(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String document,
			@RequestParam(defaultValue = "save") String op, @RequestParam(defaultValue = "false") boolean existing,
			Model model, RedirectAttributes flash) {
		Map<String, Object> parsed;
		try {
			parsed = this.json.readValue(document, Map.class);
		}
		catch (JacksonException ex) {
			int line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
			return jsonMode(model, document, existing, "This is not valid JSON: " + ex.getOriginalMessage(), line);
		}
		if (op.equals("visual")) {
			return visual(model, PolicyDraft.fromDocument(parsed), existing, null);
		}
		try {
			save(me, parsed, existing);
			flash.addFlashAttribute("notice", "Saved policy " + parsed.get("name") + ".");
			return "redirect:/console/policies/" + parsed.get("name");
		}
		catch (ApiRefusal refusal) {
			return jsonMode(model, document, existing, refusal.getMessage(),
					JsonLines.lineOf(this.json, document, refusal.field()));
		}
	}

	private static int statementIndex(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private void save(ConsoleSession me, Map<String, Object> document, boolean existing) {
		if (existing) {
			this.api.put(me, document, POLICIES + "/{name}", me.accountId(), String.valueOf(document.get("name")));
		}
		else {
			this.api.post(me, document, POLICIES, me.accountId());
		}
	}

	private String visual(Model model, PolicyDraft draft, boolean existing, String error) {
		model.addAttribute("draft", draft);
		model.addAttribute("existing", existing);
		model.addAttribute("products", ActionCatalogue.PRODUCT_NAMES);
		model.addAttribute("error", error);
		return "console/policy-editor";
	}

	private String jsonMode(Model model, String document, boolean existing, String error, int line) {
		model.addAttribute("document", document);
		model.addAttribute("lines", document.split("\n", -1));
		model.addAttribute("existing", existing);
		model.addAttribute("error", error);
		model.addAttribute("errorLine", line);
		return "console/policy-json";
	}

	private Map<String, Object> findManaged(ConsoleSession me, String name) {
		return this.api.list(me, "/iam/v1/managed-policies")
			.stream()
			.filter((policy) -> name.equals(policy.get("name")))
			.findFirst()
			.orElse(null);
	}

	private String pretty(Object value) {
		return this.json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

}
