package org.tessera.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's audit events, newest first, a page at a time, filtered by kind (event
 * type) and principal; who acted reads as people say it, for instance "System1 (account
 * 53461) acting as AllowAccessFromRootUserAccountA".
 */
@Controller
class AuditPages {

	private static final int PAGE = 50;

	/** How many API pages one console page reads at most while filtering. */
	private static final int MAX_READS = 10;

	private final ManagementApi api;

	private final PrincipalNames names;

	AuditPages(ManagementApi api, PrincipalNames names) {
		this.api = api;
		this.names = names;
	}

	/** One row of the page. */
	public record Row(String time, String type, String decision, String reason, String who, String target,
			String displayName) {
	}

	@GetMapping("/console/audit")
	@SuppressWarnings("unchecked")
	String events(@RequestAttribute("me") ConsoleSession me, @RequestParam(defaultValue = "") String type,
			@RequestParam(defaultValue = "") String principal, @RequestParam(defaultValue = "") String pageToken,
			Model model) {
		List<Row> rows = new ArrayList<>();
		String next = pageToken;
		for (int read = 0; read < MAX_READS && rows.size() < PAGE; read++) {
			String path = "/iam/v1/accounts/{acct}/audit-events?order=newest&pageSize=200"
					+ (next.isEmpty() ? "" : "&pageToken={token}");
			Map<String, Object> page = next.isEmpty() ? this.api.get(me, path, me.accountId())
					: this.api.get(me, path, me.accountId(), next);
			for (Map<String, Object> event : (List<Map<String, Object>>) page.getOrDefault("items", List.of())) {
				if (matches(event, type, principal) && rows.size() < PAGE) {
					rows.add(row(event));
				}
			}
			Object token = page.get("nextPageToken");
			next = (token instanceof String text) ? text : "";
			if (next.isEmpty()) {
				break;
			}
		}
		model.addAttribute("rows", rows);
		model.addAttribute("type", type);
		model.addAttribute("principal", principal);
		model.addAttribute("next", next);
		return "console/audit";
	}

	private static boolean matches(Map<String, Object> event, String type, String principal) {
		if (!type.isBlank() && !type.strip().equalsIgnoreCase(String.valueOf(event.get("type")))) {
			return false;
		}
		if (principal.isBlank()) {
			return true;
		}
		String wanted = principal.strip().toLowerCase(Locale.ROOT);
		return String.valueOf(event.get("actor")).toLowerCase(Locale.ROOT).contains(wanted)
				|| String.valueOf(event.get("actorChain")).toLowerCase(Locale.ROOT).contains(wanted)
				|| String.valueOf(event.get("target")).toLowerCase(Locale.ROOT).contains(wanted);
	}

	@SuppressWarnings("unchecked")
	private Row row(Map<String, Object> event) {
		List<String> chain = (List<String>) event.getOrDefault("actorChain", List.of());
		String actor = (String) event.get("actor");
		StringBuilder who = new StringBuilder();
		for (String outer : chain) {
			who.append(this.names.described(outer)).append(" acting as ");
		}
		who.append((actor != null) ? this.names.described(actor) : "someone unknown");
		Object displayName = event.get("displayName");
		return new Row(String.valueOf(event.get("time")), String.valueOf(event.get("type")),
				String.valueOf(event.get("decision")), String.valueOf(event.get("reason")), who.toString(),
				(event.get("target") != null) ? this.names.described((String) event.get("target")) : "",
				(displayName != null) ? displayName.toString() : "");
	}

}
