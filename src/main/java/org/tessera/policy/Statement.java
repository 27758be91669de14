package org.tessera.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One rule of a policy: an effect applied to the actions and resources its wildcard
 * patterns match. It is an immutable value with record-style accessors, equality and text
 * form; it is a class rather than a record only because it also keeps its patterns
 * compiled, so that evaluating requests allocates nothing.
 *
 * <p>
 * The constructor enforces the pattern syntax and the {@link PolicyLimits#DEFAULT}
 * pattern length, and refuses a bad statement with an {@link InvalidPolicyException}
 * whose field is relative to the statement, e.g. {@code actions[1]}. List sizes are
 * limited by {@link PolicyParser}, not here.
 */
public final class Statement {

	/**
	 * Allows every action on every resource: the root user's statement, still confined to
	 * its own account.
	 */
	public static final Statement ALLOW_ALL = new Statement(Effect.ALLOW, List.of("*"), List.of("*"));

	private final Effect effect;

	private final List<String> actions;

	private final List<String> resources;

	private final WildcardPattern[] actionPatterns;

	private final WildcardPattern[] resourcePatterns;

	/**
	 * @param effect Allow or Deny
	 * @param actions non-empty action patterns, {@code *} or {@code service:Action},
	 * matched ignoring case
	 * @param resources non-empty resource patterns, {@code *} or {@code crn:...}, matched
	 * exactly
	 * @throws InvalidPolicyException if a value is missing, a list is empty, or a pattern
	 * is malformed or too long
	 */
	public Statement(Effect effect, List<String> actions, List<String> resources) {
		if (effect == null) {
			throw new InvalidPolicyException("effect", "is required");
		}
		this.effect = effect;
		this.actions = validPatterns("actions", actions, SyntaxRules::checkActionPattern);
		this.resources = validPatterns("resources", resources, SyntaxRules::checkResourcePattern);
		this.actionPatterns = compile(this.actions, WildcardPattern::ignoringAsciiCase);
		this.resourcePatterns = compile(this.resources, WildcardPattern::caseSensitive);
	}

	/** Whether the statement grants or refuses what it matches. */
	public Effect effect() {
		return effect;
	}

	/** The action patterns as written, immutable. */
	public List<String> actions() {
		return actions;
	}

	/** The resource patterns as written, immutable. */
	public List<String> resources() {
		return resources;
	}

	/**
	 * Whether this statement covers the request, whatever its effect and whatever account
	 * the resource is in: some action pattern matches the action ignoring ASCII case, and
	 * some resource pattern matches the resource name exactly.
	 */
	public boolean matches(String action, String resourceCrn) {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(resourceCrn, "resourceCrn");
		return anyMatches(actionPatterns, action) && anyMatches(resourcePatterns, resourceCrn);
	}

	/**
	 * The JSON form, {@code {"effect":"Allow","actions":[...],"resources":[...]}}, as
	 * plain maps and lists for token claims and API output;
	 * {@link PolicyParser#parseStatements} reads it back.
	 */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("effect", effect.jsonName());
		json.put("actions", actions);
		json.put("resources", resources);
		return json;
	}

	/**
	 * About how many bytes of heap this statement takes, its compiled patterns included,
	 * for caches bounded by weight; an estimate that errs on the large side.
	 */
	public long footprint() {
		long bytes = 96;
		for (WildcardPattern pattern : actionPatterns) {
			bytes += pattern.footprint();
		}
		for (WildcardPattern pattern : resourcePatterns) {
			bytes += pattern.footprint();
		}
		for (String pattern : actions) {
			bytes += 48 + 2L * pattern.length();
		}
		for (String pattern : resources) {
			bytes += 48 + 2L * pattern.length();
		}
		return bytes;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Statement statement && effect == statement.effect && actions.equals(statement.actions)
				&& resources.equals(statement.resources);
	}

	@Override
	public int hashCode() {
		return Objects.hash(effect, actions, resources);
	}

	@Override
	public String toString() {
		return "Statement[effect=" + effect + ", actions=" + actions + ", resources=" + resources + "]";
	}

	private static List<String> validPatterns(String field, List<String> patterns, BiConsumer<String, String> syntax) {
		if (patterns == null) {
			throw new InvalidPolicyException(field, "is required");
		}
		if (patterns.isEmpty()) {
			throw new InvalidPolicyException(field, "must not be empty");
		}
		for (int i = 0; i < patterns.size(); i++) {
			String entryField = field + "[" + i + "]";
			String pattern = patterns.get(i);
			if (pattern == null) {
				throw new InvalidPolicyException(entryField, "must be a string");
			}
			SyntaxRules.checkLength(entryField, pattern, PolicyLimits.DEFAULT.maxPatternLength());
			syntax.accept(entryField, pattern);
		}
		return List.copyOf(patterns);
	}

	private static WildcardPattern[] compile(List<String> patterns, Function<String, WildcardPattern> compiler) {
		return patterns.stream().map(compiler).toArray(WildcardPattern[]::new);
	}

	private static boolean anyMatches(WildcardPattern[] patterns, String text) {
		for (WildcardPattern pattern : patterns) {
			if (pattern.matches(text)) {
				return true;
			}
		}
		return false;
	}

}
