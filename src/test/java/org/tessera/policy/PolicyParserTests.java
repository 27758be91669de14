package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTests {

	private static final String SERVICE_ACCOUNT = "crn:iam:60108:service-account/sa-4f1c";

	private final PolicyParser parser = new PolicyParser(PolicyLimits.DEFAULT);

	/**
	 * A valid document built from mutable maps and lists, as a JSON library would produce
	 * it.
	 */
	private static Map<String, Object> validDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("name", "ImpersonateToRootUserAccountB");
		document.put("description", "Lets System1 impersonate the deployment service account");
		document.put("statements", new ArrayList<>(List.of(validStatement(), validStatement())));
		return document;
	}

	private static Map<String, Object> validStatement() {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("effect", "Allow");
		statement.put("actions", new ArrayList<>(List.of("iam:ImpersonateServiceAccount", "iam:GetServiceAccount")));
		statement.put("resources", new ArrayList<>(List.of(SERVICE_ACCOUNT)));
		return statement;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> statement(Map<String, Object> document, int index) {
		return ((List<Map<String, Object>>) document.get("statements")).get(index);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> object, String key) {
		return (List<Object>) object.get(key);
	}

	private static Arguments refusal(String description, Consumer<Map<String, Object>> breakDocument,
			String expectedMessage) {
		return Arguments.of(description, breakDocument, expectedMessage);
	}

	@Test
	void readsTheDocumentOfTheSpec() {
		PolicyDocument document = parser.parseDocument(validDocument());

		Statement expected = new Statement(Effect.ALLOW,
				List.of("iam:ImpersonateServiceAccount", "iam:GetServiceAccount"), List.of(SERVICE_ACCOUNT));
		assertThat(document).isEqualTo(new PolicyDocument("ImpersonateToRootUserAccountB",
				"Lets System1 impersonate the deployment service account", List.of(expected, expected)));
	}

	@Test
	void readsDenyStatements() {
		Map<String, Object> json = validDocument();
		statement(json, 1).put("effect", "Deny");

		assertThat(parser.parseDocument(json).statements()).extracting(Statement::effect)
			.containsExactly(Effect.ALLOW, Effect.DENY);
	}

	@Test
	void aMissingDescriptionDefaultsToEmpty() {
		Map<String, Object> json = validDocument();
		json.remove("description");

		assertThat(parser.parseDocument(json).description()).isEmpty();
	}

	@Test
	void aDescriptionMayHoldLineBreaksAndTabs() {
		Map<String, Object> json = validDocument();
		json.put("description", "first line\nsecond\tline\r\n");

		assertThat(parser.parseDocument(json).description()).isEqualTo("first line\nsecond\tline\r\n");
	}

	@Test
	void aNameMayUseEveryAllowedCharacterUpToTheLimit() {
		Map<String, Object> json = validDocument();
		String name = "Az09+=,.@_-" + "x".repeat(128 - 11);
		json.put("name", name);

		assertThat(parser.parseDocument(json).name()).isEqualTo(name);
	}

	@Test
	void theParsedDocumentDoesNotChangeWithTheJsonItCameFrom() {
		Map<String, Object> json = validDocument();
		PolicyDocument document = parser.parseDocument(json);

		list(statement(json, 0), "actions").set(0, "iam:DeleteUser");
		list(json, "statements").clear();

		assertThat(document.statements()).hasSize(2);
		assertThat(document.statements().get(0).actions()).containsExactly("iam:ImpersonateServiceAccount",
				"iam:GetServiceAccount");
	}

	static Stream<Arguments> brokenDocuments() {
		return Stream.of(refusal("missing name", json -> json.remove("name"), "name: is required"),
				refusal("name not a string", json -> json.put("name", 42), "name: must be a string"),
				refusal("name null", json -> json.put("name", null), "name: must be a string"),
				refusal("empty name", json -> json.put("name", ""), "name: must not be empty"),
				refusal("name with a space", json -> json.put("name", "My Policy"),
						"name: may contain only letters, digits and +=,.@_-"),
				refusal("name with a slash", json -> json.put("name", "a/b"),
						"name: may contain only letters, digits and +=,.@_-"),
				refusal("name with a control character", json -> json.put("name", "Bad\u0000Name"),
						"name: may contain only letters, digits and +=,.@_-"),
				refusal("name with a line break", json -> json.put("name", "Bad\nName"),
						"name: may contain only letters, digits and +=,.@_-"),
				refusal("name of dots alone", json -> json.put("name", ".."),
						"name: must not be dots alone: no path could name it"),
				refusal("name too long", json -> json.put("name", "n".repeat(129)),
						"name: must be at most 128 characters"),
				refusal("description too long", json -> json.put("description", "d".repeat(1001)),
						"description: must be at most 1000 characters"),
				refusal("description not a string", json -> json.put("description", List.of("a")),
						"description: must be a string"),
				refusal("description null", json -> json.put("description", null), "description: must be a string"),
				refusal("description with a control character", json -> json.put("description", "bell\u0007"),
						"description: must not contain control characters other than tab and line breaks"),
				refusal("missing statements", json -> json.remove("statements"), "statements: is required"),
				refusal("empty statements", json -> list(json, "statements").clear(), "statements: must not be empty"),
				refusal("statements not a list", json -> json.put("statements", validStatement()),
						"statements: must be a list"),
				refusal("too many statements",
						json -> json.put("statements", IntStream.range(0, 51).mapToObj(i -> validStatement()).toList()),
						"statements: must have at most 50 entries"),
				refusal("statement not an object", json -> list(json, "statements").set(1, "Allow"),
						"statements[1]: must be an object"),
				refusal("statement null", json -> list(json, "statements").set(0, null),
						"statements[0]: must be an object"),
				refusal("missing effect", json -> statement(json, 0).remove("effect"),
						"statements[0].effect: is required"),
				refusal("unknown effect", json -> statement(json, 0).put("effect", "Permit"),
						"statements[0].effect: must be \"Allow\" or \"Deny\""),
				refusal("lower-case allow", json -> statement(json, 1).put("effect", "allow"),
						"statements[1].effect: must be \"Allow\" or \"Deny\""),
				refusal("upper-case DENY", json -> statement(json, 0).put("effect", "DENY"),
						"statements[0].effect: must be \"Allow\" or \"Deny\""),
				refusal("effect a boolean", json -> statement(json, 0).put("effect", true),
						"statements[0].effect: must be \"Allow\" or \"Deny\""),
				refusal("missing actions", json -> statement(json, 0).remove("actions"),
						"statements[0].actions: is required"),
				refusal("actions not a list", json -> statement(json, 0).put("actions", "iam:GetUser"),
						"statements[0].actions: must be a list of strings"),
				refusal("actions null", json -> statement(json, 0).put("actions", null),
						"statements[0].actions: must be a list of strings"),
				refusal("empty actions", json -> list(statement(json, 0), "actions").clear(),
						"statements[0].actions: must not be empty"),
				refusal("action entry a number", json -> list(statement(json, 0), "actions").set(1, 7),
						"statements[0].actions[1]: must be a string"),
				refusal("action entry null", json -> list(statement(json, 0), "actions").set(1, null),
						"statements[0].actions[1]: must be a string"),
				refusal("action entry an object", json -> list(statement(json, 0), "actions").set(1, Map.of("a", "b")),
						"statements[0].actions[1]: must be a string"),
				refusal("action entry a list",
						json -> list(statement(json, 0), "actions").set(1, List.of("iam:GetUser")),
						"statements[0].actions[1]: must be a string"),
				refusal("action without an action name", json -> list(statement(json, 0), "actions").set(1, "iam"),
						"statements[0].actions[1]: must be \"*\" or a \"service:Action\" pattern of letters, digits, \"*\" and \"?\""),
				refusal("too many actions",
						json -> statement(json, 0).put("actions", Collections.nCopies(51, "iam:GetUser")),
						"statements[0].actions: must have at most 50 entries"),
				refusal("action too long", json -> list(statement(json, 0), "actions").set(0, "iam:" + "A".repeat(509)),
						"statements[0].actions[0]: must be at most 512 characters"),
				refusal("missing resources", json -> statement(json, 1).remove("resources"),
						"statements[1].resources: is required"),
				refusal("resources not a list", json -> statement(json, 1).put("resources", SERVICE_ACCOUNT),
						"statements[1].resources: must be a list of strings"),
				refusal("empty resources", json -> list(statement(json, 1), "resources").clear(),
						"statements[1].resources: must not be empty"),
				refusal("resource not a CRN",
						json -> list(statement(json, 1), "resources").set(0, "arn:aws:iam::123:user/x"),
						"statements[1].resources[0]: must be \"*\" or a CRN pattern starting with \"crn:\""),
				refusal("resource with whitespace",
						json -> list(statement(json, 1), "resources").add("crn:iam:60108:user/a b"),
						"statements[1].resources[1]: must not contain whitespace or control characters"),
				refusal("too many resources",
						json -> statement(json, 1).put("resources", Collections.nCopies(51, SERVICE_ACCOUNT)),
						"statements[1].resources: must have at most 50 entries"),
				refusal("resource too long",
						json -> list(statement(json, 1), "resources").set(0, "crn:" + "a".repeat(509)),
						"statements[1].resources[0]: must be at most 512 characters"),
				refusal("unknown top-level field", json -> json.put("version", "2012-10-17"), "version: unknown field"),
				refusal("top-level field in the wrong case", json -> json.put("Name", "x"), "Name: unknown field"),
				refusal("unknown statement field", json -> statement(json, 0).put("condition", Map.of()),
						"statements[0].condition: unknown field"),
				refusal("statement field in the wrong case", json -> statement(json, 1).put("Effect", "Allow"),
						"statements[1].Effect: unknown field"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenDocuments")
	void refusesABrokenDocumentNamingTheField(String description, Consumer<Map<String, Object>> breakDocument,
			String expectedMessage) {
		Map<String, Object> json = validDocument();
		breakDocument.accept(json);

		InvalidPolicyException refusal = catchThrowableOfType(InvalidPolicyException.class,
				() -> parser.parseDocument(json));

		assertThat(refusal).hasMessage(expectedMessage);
		assertThat(expectedMessage).startsWith(refusal.field() + ": ");
	}

	@Test
	void refusesADocumentThatIsNotAnObject() {
		InvalidPolicyException refusal = catchThrowableOfType(InvalidPolicyException.class,
				() -> parser.parseDocument(List.of(validDocument())));

		assertThat(refusal.field()).isEqualTo("$");
		assertThat(refusal).hasMessage("$: must be an object");
	}

	@Test
	void refusesAFieldNameThatIsNotAString() {
		Map<Object, Object> json = new HashMap<>(validDocument());
		json.put(1, "one");

		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> parser.parseDocument(json)))
			.hasMessage("1: unknown field");
	}

	@Test
	void enforcesTheLimitsItWasGivenRatherThanTheDefaults() {
		PolicyParser strict = new PolicyParser(new PolicyLimits(10, 5, 1, 1, 1, 20));
		Map<String, Object> json = validDocument();

		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("name: must be at most 10 characters");
		json.put("name", "Short");
		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("description: must be at most 5 characters");
		json.put("description", "ok");
		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("statements: must have at most 1 entries");
		list(json, "statements").remove(1);
		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("statements[0].actions: must have at most 1 entries");
		list(statement(json, 0), "actions").remove(1);
		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("statements[0].actions[0]: must be at most 20 characters");
		statement(json, 0).put("actions", List.of("iam:Impersonate*"));
		statement(json, 0).put("resources", List.of("crn:iam:60108:*", "*"));
		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> strict.parseDocument(json)))
			.hasMessage("statements[0].resources: must have at most 1 entries");
		statement(json, 0).put("resources", List.of("crn:iam:60108:*"));

		assertThat(strict.parseDocument(json).statements()).hasSize(1);
	}

	@Test
	void statementsRoundTripThroughToJson() {
		List<Statement> statements = List.of(Statement.ALLOW_ALL,
				new Statement(Effect.DENY, List.of("iam:Delete*", "IAM:Put?ser"),
						List.of("crn:iam:60108:user/*", "crn:iam::policy/*")),
				new Statement(Effect.ALLOW, List.of(PolicyEvaluator.IMPERSONATE_ACTION), List.of(SERVICE_ACCOUNT)));

		List<Map<String, Object>> claim = statements.stream().map(Statement::toJson).toList();

		assertThat(parser.parseStatements(claim, "perms")).isEqualTo(statements);
	}

	@Test
	void aStatementListMayBeEmptyAndLongerThanOneDocumentAllows() {
		List<Map<String, Object>> manyStatements = IntStream.range(0, 120).mapToObj(i -> validStatement()).toList();

		assertThat(parser.parseStatements(List.of(), "perms")).isEmpty();
		assertThat(parser.parseStatements(manyStatements, "perms")).hasSize(120);
	}

	@Test
	void statementListErrorsStartWithTheGivenPrefix() {
		Map<String, Object> unknownField = validStatement();
		unknownField.put("Effect", "Allow");
		Map<String, Object> badAction = validStatement();
		list(badAction, "actions").set(0, 3.5);

		assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> parser.parseStatements("x", "perms")))
			.hasMessage("perms: must be a list");
		assertThat(catchThrowableOfType(InvalidPolicyException.class,
				() -> parser.parseStatements(List.of(validStatement(), unknownField), "perms")))
			.hasMessage("perms[1].Effect: unknown field");
		assertThat(catchThrowableOfType(InvalidPolicyException.class,
				() -> parser.parseStatements(List.of(badAction), "perms"))
			.field()).isEqualTo("perms[0].actions[0]");
	}

	@Test
	void theParsedStatementListCannotBeChanged() {
		List<Statement> statements = parser.parseStatements(List.of(validStatement()), "perms");

		assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> statements.add(Statement.ALLOW_ALL)))
			.isNotNull();
	}

}
