package org.tessera.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads policy documents and statement lists from the generic values any JSON library
 * produces ({@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}), so that the authorization server reading API bodies and
 * the resource server reading token claims apply the same rules without sharing a JSON
 * library. Unknown fields (names are case-sensitive), wrong types and values over the
 * {@link PolicyLimits} are refused with an {@link InvalidPolicyException} naming the
 * field, e.g. {@code statements[0].actions[1]}; a document that is not an object is
 * reported on the field {@code $}. Thread-safe.
 */
public final class PolicyParser {

	private static final String ROOT = "$";

	private static final Set<String> DOCUMENT_FIELDS = Set.of("name", "description", "statements");

	private static final Set<String> STATEMENT_FIELDS = Set.of("effect", "actions", "resources");

	private static final String EFFECT_MESSAGE = "must be \"Allow\" or \"Deny\"";

	private final PolicyLimits limits;

	public PolicyParser(PolicyLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
	}

	/**
	 * Reads a whole document: {@code name} (required), {@code description} (optional,
	 * default "") and {@code statements} (required, 1 to
	 * {@link PolicyLimits#maxStatements()} statements).
	 * @throws InvalidPolicyException naming the first offending field
	 */
	public PolicyDocument parseDocument(Object json) {
		Map<?, ?> document = object(json, ROOT);
		rejectUnknownFields(document, "", DOCUMENT_FIELDS);
		String name = string(required(document, "", "name"), "name");
		SyntaxRules.checkLength("name", name, limits.maxNameLength());
		SyntaxRules.checkPolicyName("name", name);
		String description = document.containsKey("description") ? description(document.get("description")) : "";
		Object statementsJson = required(document, "", "statements");
		if (statementsJson instanceof List<?> list && list.size() > limits.maxStatements()) {
			throw new InvalidPolicyException("statements", "must have at most " + limits.maxStatements() + " entries");
		}
		List<Statement> statements = parseStatements(statementsJson, "statements");
		if (statements.isEmpty()) {
			throw new InvalidPolicyException("statements", "must not be empty");
		}
		return new PolicyDocument(name, description, statements);
	}

	/**
	 * Reads a JSON array of statements, which may be empty; its length is not capped,
	 * since a token may carry the statements of several policies. Each statement's lists
	 * and patterns are held to the limits.
	 * @param fieldPrefix the path of the array in error messages, e.g. {@code statements}
	 * or {@code perms}
	 * @throws InvalidPolicyException naming the first offending field
	 */
	public List<Statement> parseStatements(Object json, String fieldPrefix) {
		Objects.requireNonNull(fieldPrefix, "fieldPrefix");
		if (!(json instanceof List<?> list)) {
			throw new InvalidPolicyException(fieldPrefix, "must be a list");
		}
		List<Statement> statements = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			statements.add(statement(list.get(i), fieldPrefix + "[" + i + "]"));
		}
		return List.copyOf(statements);
	}

	private Statement statement(Object json, String path) {
		Map<?, ?> statement = object(json, path);
		String prefix = path + ".";
		rejectUnknownFields(statement, prefix, STATEMENT_FIELDS);
		Effect effect = effect(required(statement, prefix, "effect"), prefix + "effect");
		List<String> actions = patterns(required(statement, prefix, "actions"), prefix + "actions",
				limits.maxActionsPerStatement(), SyntaxRules::checkActionPattern);
		List<String> resources = patterns(required(statement, prefix, "resources"), prefix + "resources",
				limits.maxResourcesPerStatement(), SyntaxRules::checkResourcePattern);
		return new Statement(effect, actions, resources);
	}

	private static Effect effect(Object json, String path) {
		if (json instanceof String text) {
			try {
				return Effect.fromJsonName(text);
			}
			catch (IllegalArgumentException notAnEffect) {
				throw new InvalidPolicyException(path, EFFECT_MESSAGE);
			}
		}
		throw new InvalidPolicyException(path, EFFECT_MESSAGE);
	}

	private List<String> patterns(Object json, String path, int maxEntries, BiConsumer<String, String> syntax) {
		if (!(json instanceof List<?> list)) {
			throw new InvalidPolicyException(path, "must be a list of strings");
		}
		if (list.isEmpty()) {
			throw new InvalidPolicyException(path, "must not be empty");
		}
		if (list.size() > maxEntries) {
			throw new InvalidPolicyException(path, "must have at most " + maxEntries + " entries");
		}
		List<String> patterns = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			String entryPath = path + "[" + i + "]";
			String pattern = string(list.get(i), entryPath);
			SyntaxRules.checkLength(entryPath, pattern, limits.maxPatternLength());
			syntax.accept(entryPath, pattern);
			patterns.add(pattern);
		}
		return patterns;
	}

	private String description(Object json) {
		String description = string(json, "description");
		SyntaxRules.checkLength("description", description, limits.maxDescriptionLength());
		if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new InvalidPolicyException("description",
					"must not contain control characters other than tab and line breaks");
		}
		return description;
	}

	private static Map<?, ?> object(Object json, String path) {
		if (json instanceof Map<?, ?> map) {
			return map;
		}
		throw new InvalidPolicyException(path, "must be an object");
	}

	private static String string(Object json, String path) {
		if (json instanceof String text) {
			return text;
		}
		throw new InvalidPolicyException(path, "must be a string");
	}

	private static Object required(Map<?, ?> object, String pathPrefix, String key) {
		if (!object.containsKey(key)) {
			throw new InvalidPolicyException(pathPrefix + key, "is required");
		}
		return object.get(key);
	}

	private static void rejectUnknownFields(Map<?, ?> object, String pathPrefix, Set<String> knownFields) {
		for (Object key : object.keySet()) {
			if (!(key instanceof String name) || !knownFields.contains(name)) {
				throw new InvalidPolicyException(pathPrefix + key, "unknown field");
			}
		}
	}

}
