package org.tessera.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * A policy being written in the console's visual editor: its name, description and
 * statements, each an effect, a product whose catalogue of actions is offered, the
 * actions chosen, actions typed by hand (wildcards, other products), and resources one
 * per line. It converts both ways with the policy document the API takes, so the visual
 * and the JSON editor show the same policy.
 */
record PolicyDraft(String name, String description, List<StatementDraft> statements) {

	/** One statement as the visual editor shows it. */
	record StatementDraft(String effect, String product, List<String> actions, String otherActions, String resources) {

		static StatementDraft empty() {
			return new StatementDraft("Allow", "iam", List.of(), "", "");
		}

		/** Every action: those chosen and those typed, each once, in order. */
		public List<String> allActions() {
			List<String> all = new ArrayList<>(this.actions);
			for (String typed : split(this.otherActions)) {
				if (!all.contains(typed)) {
					all.add(typed);
				}
			}
			return all;
		}

		public List<String> catalogue() {
			return ActionCatalogue.PRODUCTS.getOrDefault(this.product, List.of());
		}

		StatementDraft withResource(String crn) {
			String lines = this.resources.isBlank() ? crn : this.resources.strip() + "\n" + crn;
			return new StatementDraft(this.effect, this.product, this.actions, this.otherActions, lines);
		}

	}

	static PolicyDraft empty() {
		return new PolicyDraft("", "", List.of(StatementDraft.empty()));
	}

	/**
	 * Reads the visual editor's form: {@code name}, {@code description}, and per
	 * statement {@code s<i>.effect}, {@code s<i>.product}, {@code s<i>.actions}
	 * (repeated), {@code s<i>.otherActions}, {@code s<i>.resources}, for {@code i} below
	 * {@code statementCount}.
	 */
	static PolicyDraft fromForm(MultiValueMap<String, String> form) {
		int count = Math.max(1, Math.min(50, parseCount(form.getFirst("statementCount"))));
		List<StatementDraft> statements = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String prefix = "s" + i + ".";
			String product = value(form, prefix + "product", "iam");
			List<String> chosen = form.getOrDefault(prefix + "actions", List.of());
			// actions of another product, chosen before the product was changed, are kept
			statements.add(new StatementDraft(value(form, prefix + "effect", "Allow"), product, List.copyOf(chosen),
					value(form, prefix + "otherActions", ""), value(form, prefix + "resources", "")));
		}
		return new PolicyDraft(value(form, "name", "").strip(), value(form, "description", "").strip(), statements);
	}

	/** The policy document the management API takes. */
	Map<String, Object> toDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("name", this.name);
		if (!this.description.isBlank()) {
			document.put("description", this.description);
		}
		List<Map<String, Object>> statements = new ArrayList<>();
		for (StatementDraft statement : this.statements) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("effect", statement.effect());
			json.put("actions", statement.allActions());
			json.put("resources", split(statement.resources()));
			statements.add(json);
		}
		document.put("statements", statements);
		return document;
	}

	/**
	 * The draft of a policy document, as the API reads it or as typed in the JSON editor:
	 * actions of the catalogue are chosen, others kept as typed.
	 */
	@SuppressWarnings("unchecked")
	static PolicyDraft fromDocument(Map<String, Object> document) {
		List<StatementDraft> statements = new ArrayList<>();
		Object listed = document.get("statements");
		if (listed instanceof List<?> list) {
			for (Object item : list) {
				if (!(item instanceof Map<?, ?> statement)) {
					continue;
				}
				List<String> actions = strings(statement.get("actions"));
				String product = actions.stream()
					.map(ActionCatalogue::productOf)
					.filter((p) -> p != null)
					.findFirst()
					.orElse("iam");
				List<String> chosen = actions.stream()
					.filter((a) -> product.equals(ActionCatalogue.productOf(a)) && ActionCatalogue.isListed(a))
					.toList();
				List<String> other = actions.stream().filter((a) -> !chosen.contains(a)).toList();
				statements.add(new StatementDraft(String.valueOf(statement.get("effect")), product, chosen,
						String.join(", ", other), String.join("\n", strings(statement.get("resources")))));
			}
		}
		if (statements.isEmpty()) {
			statements.add(StatementDraft.empty());
		}
		Object description = document.get("description");
		return new PolicyDraft(String.valueOf(document.getOrDefault("name", "")),
				(description != null) ? description.toString() : "", statements);
	}

	PolicyDraft withStatement(StatementDraft added) {
		List<StatementDraft> more = new ArrayList<>(this.statements);
		more.add(added);
		return new PolicyDraft(this.name, this.description, more);
	}

	PolicyDraft withStatementAt(int index, StatementDraft changed) {
		List<StatementDraft> changedList = new ArrayList<>(this.statements);
		changedList.set(index, changed);
		return new PolicyDraft(this.name, this.description, changedList);
	}

	private static List<String> strings(Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().map(String::valueOf).toList();
	}

	private static List<String> split(String typed) {
		return Arrays.stream(typed.split("[\\s,]+")).filter((part) -> !part.isBlank()).toList();
	}

	private static String value(MultiValueMap<String, String> form, String key, String fallback) {
		String value = form.getFirst(key);
		return (value != null) ? value : fallback;
	}

	private static int parseCount(String count) {
		try {
			return (count != null) ? Integer.parseInt(count) : 1;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
