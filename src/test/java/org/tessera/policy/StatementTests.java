package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementTests {

	private static final String USER = "crn:iam:60108:user/System1";

	private static Statement allow(String action, String resource) {
		return new Statement(Effect.ALLOW, List.of(action), List.of(resource));
	}

	@Test
	void matchesWhenBothAnActionAndAResourcePatternMatch() {
		Statement statement = new Statement(Effect.ALLOW, List.of("iam:GetUser", "iam:ListUsers"),
				List.of("crn:iam:60108:root", USER));

		assertThat(statement.matches("iam:ListUsers", USER)).isTrue();
		assertThat(statement.matches("iam:GetUser", "crn:iam:60108:root")).isTrue();
		assertThat(statement.matches("iam:DeleteUser", USER)).isFalse();
		assertThat(statement.matches("iam:GetUser", "crn:iam:60108:user/Other")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "iam:GetUser", "IAM:GETUSER", "iam:getuser", "Iam:gEtUsEr" })
	void actionsMatchWhateverTheirCase(String requested) {
		assertThat(allow("iam:GetUser", USER).matches(requested, USER)).isTrue();
		assertThat(allow("IAM:get*", USER).matches(requested, USER)).isTrue();
	}

	@Test
	void resourcesMatchOnlyInTheSameCase() {
		Statement statement = allow("iam:GetUser", USER);

		assertThat(statement.matches("iam:GetUser", "crn:iam:60108:user/system1")).isFalse();
		assertThat(statement.matches("iam:GetUser", "crn:IAM:60108:user/System1")).isFalse();
	}

	@Test
	void wildcardsInActionsAndResourcesMatch() {
		Statement statement = new Statement(Effect.ALLOW, List.of("iam:Get*", "vserver:?tartServer"),
				List.of("crn:iam:60108:user/*", "crn:vserver:60108:server/web-?"));

		assertThat(statement.matches("iam:GetServiceAccount", "crn:iam:60108:user/a/b")).isTrue();
		assertThat(statement.matches("vserver:StartServer", "crn:vserver:60108:server/web-1")).isTrue();
		assertThat(statement.matches("vserver:RestartServer", "crn:vserver:60108:server/web-1")).isFalse();
		assertThat(statement.matches("vserver:StartServer", "crn:vserver:60108:server/web-10")).isFalse();
		assertThat(statement.matches("iam:ListUsers", "crn:iam:60108:user/a")).isFalse();
	}

	@Test
	void starAloneMatchesEveryActionAndResource() {
		assertThat(Statement.ALLOW_ALL.matches("anything:AtAll", "crn:x:1:y")).isTrue();
		assertThat(Statement.ALLOW_ALL.matches("", "")).isTrue();
	}

	@Test
	void allowAllIsTheRootUsersStatement() {
		assertThat(Statement.ALLOW_ALL).isEqualTo(new Statement(Effect.ALLOW, List.of("*"), List.of("*")));
	}

	@Test
	void keepsItsOwnImmutableCopyOfThePatterns() {
		List<String> actions = new ArrayList<>(List.of("iam:GetUser"));
		Statement statement = new Statement(Effect.ALLOW, actions, List.of(USER));

		actions.set(0, "iam:DeleteUser");

		assertThat(statement.actions()).containsExactly("iam:GetUser");
		assertThat(statement.matches("iam:DeleteUser", USER)).isFalse();
		assertThatThrownBy(() -> statement.actions().add("iam:DeleteUser"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> statement.resources().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void toJsonUsesTheDocumentSpellingInFieldOrder() {
		Statement statement = new Statement(Effect.DENY, List.of("iam:Delete*"), List.of(USER));

		assertThat(statement.toJson()).containsExactly(entry("effect", "Deny"),
				entry("actions", List.of("iam:Delete*")), entry("resources", List.of(USER)));
	}

	@Test
	void statementsWithTheSamePartsAreEqual() {
		Statement statement = allow("iam:GetUser", USER);

		assertThat(statement).isEqualTo(allow("iam:GetUser", USER)).hasSameHashCodeAs(allow("iam:GetUser", USER));
		assertThat(statement).isNotEqualTo(new Statement(Effect.DENY, List.of("iam:GetUser"), List.of(USER)));
		assertThat(statement).isNotEqualTo(allow("iam:ListUsers", USER));
		assertThat(statement).isNotEqualTo(allow("iam:GetUser", "crn:iam:60108:root"));
		assertThat(statement.toString()).contains("ALLOW", "iam:GetUser", USER);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "*", "iam:*", "*:*", "iam:Get*", "*:Get?ser", "v-server2:List*",
			"iam:ImpersonateServiceAccount" })
	void acceptsWellFormedActionPatterns(String action) {
		assertThat(allow(action, USER).actions()).containsExactly(action);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "crn:iam:60108:user/*", "crn:*", "crn:iam::policy/IAMFullAccess", "crn:iam:?????:root" })
	void acceptsWellFormedResourcePatterns(String resource) {
		assertThat(allow("iam:GetUser", resource).resources()).containsExactly(resource);
	}

	static Stream<Arguments> malformedStatements() {
		String tooLong = "crn:iam:60108:user/" + "a".repeat(512);
		return Stream.of(Arguments.of("no effect", null, List.of("iam:GetUser"), List.of(USER), "effect"),
				Arguments.of("no actions", Effect.ALLOW, null, List.of(USER), "actions"),
				Arguments.of("empty actions", Effect.ALLOW, List.of(), List.of(USER), "actions"),
				Arguments.of("null action", Effect.ALLOW, Arrays.asList("iam:GetUser", null), List.of(USER),
						"actions[1]"),
				Arguments.of("action without service", Effect.ALLOW, List.of("iam"), List.of(USER), "actions[0]"),
				Arguments.of("empty action", Effect.ALLOW, List.of(""), List.of(USER), "actions[0]"),
				Arguments.of("action with empty name", Effect.ALLOW, List.of("iam:"), List.of(USER), "actions[0]"),
				Arguments.of("action with empty service", Effect.ALLOW, List.of(":GetUser"), List.of(USER),
						"actions[0]"),
				Arguments.of("action with two colons", Effect.ALLOW, List.of("iam:Get:User"), List.of(USER),
						"actions[0]"),
				Arguments.of("action name with dash", Effect.ALLOW, List.of("iam:Get-User"), List.of(USER),
						"actions[0]"),
				Arguments.of("action with space", Effect.ALLOW, List.of("iam :GetUser"), List.of(USER), "actions[0]"),
				Arguments.of("action with accent", Effect.ALLOW, List.of("iam:Gét"), List.of(USER), "actions[0]"),
				Arguments.of("no resources", Effect.ALLOW, List.of("iam:GetUser"), null, "resources"),
				Arguments.of("empty resources", Effect.ALLOW, List.of("iam:GetUser"), List.of(), "resources"),
				Arguments.of("resource not a CRN", Effect.ALLOW, List.of("iam:GetUser"), List.of(USER, "user/x"),
						"resources[1]"),
				Arguments.of("resource with space", Effect.ALLOW, List.of("iam:GetUser"),
						List.of("crn:iam:60108:user/a b"), "resources[0]"),
				Arguments.of("resource with newline", Effect.ALLOW, List.of("iam:GetUser"),
						List.of("crn:iam:60108:user/a\n"), "resources[0]"),
				Arguments.of("resource too long", Effect.ALLOW, List.of("iam:GetUser"), List.of(tooLong),
						"resources[0]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedStatements")
	void refusesAMalformedStatementNamingTheField(String description, Effect effect, List<String> actions,
			List<String> resources, String field) {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> new Statement(effect, actions, resources))
			.matches(e -> e.field().equals(field), "field is " + field)
			.withMessageStartingWith(field + ": ");
	}

	@Test
	void acceptsAPatternOfExactlyTheDefaultMaximumLength() {
		String longest = "crn:iam:60108:user/" + "a".repeat(512 - "crn:iam:60108:user/".length());

		assertThat(allow("iam:GetUser", longest).matches("iam:GetUser", longest)).isTrue();
	}

}
