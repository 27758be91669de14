package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEvaluatorTests {

	private static final String ACCOUNT = "60108";

	private static final String OTHER_ACCOUNT = "70001";

	private static final String USER = "crn:iam:60108:user/System1";

	private static final String OTHER_USER = "crn:iam:70001:user/System1";

	private static final String OTHER_SERVICE_ACCOUNT = "crn:iam:70001:service-account/sa-abc";

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	private static Statement allow(String action, String resource) {
		return new Statement(Effect.ALLOW, List.of(action), List.of(resource));
	}

	private static Statement deny(String action, String resource) {
		return new Statement(Effect.DENY, List.of(action), List.of(resource));
	}

	private Decision evaluate(List<Statement> statements, String action, String resource) {
		return evaluator.evaluate(ACCOUNT, statements, action, resource);
	}

	@Test
	void nothingIsAllowedByDefault() {
		assertThat(evaluate(List.of(), "iam:GetUser", USER)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void anAllowMatchingActionAndResourceAllows() {
		assertThat(evaluate(List.of(allow("iam:GetUser", USER)), "iam:GetUser", USER)).isEqualTo(Decision.ALLOW);
	}

	@Test
	void oneMatchingAllowAmongOthersIsEnough() {
		List<Statement> statements = List.of(allow("iam:ListUsers", USER), allow("iam:GetUser", USER),
				allow("iam:PutUser", USER));

		assertThat(evaluate(statements, "iam:GetUser", USER)).isEqualTo(Decision.ALLOW);
	}

	@Test
	void anAllowForAnotherActionOrResourceDoesNotAllow() {
		List<Statement> statements = List.of(allow("iam:GetUser", USER));

		assertThat(evaluate(statements, "iam:DeleteUser", USER)).isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(statements, "iam:GetUser", "crn:iam:60108:user/Other")).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void anAllowMatchingOnlyTheActionInOneStatementAndOnlyTheResourceInAnotherDoesNotAllow() {
		List<Statement> statements = List.of(allow("iam:GetUser", "crn:iam:60108:root"), allow("iam:ListUsers", USER));

		assertThat(evaluate(statements, "iam:GetUser", USER)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void denyWinsOverAllowWhateverTheOrder() {
		Statement allowAll = Statement.ALLOW_ALL;
		Statement denyDelete = deny("iam:DeleteUser", USER);

		assertThat(evaluate(List.of(allowAll, denyDelete), "iam:DeleteUser", USER)).isEqualTo(Decision.EXPLICIT_DENY);
		assertThat(evaluate(List.of(denyDelete, allowAll), "iam:DeleteUser", USER)).isEqualTo(Decision.EXPLICIT_DENY);
	}

	@Test
	void aDenyAloneIsReportedAsExplicit() {
		assertThat(evaluate(List.of(deny("iam:*", "*")), "iam:GetUser", USER)).isEqualTo(Decision.EXPLICIT_DENY);
	}

	@Test
	void aDenyOnlyRefusesWhatItMatches() {
		List<Statement> statements = List.of(deny("iam:DeleteUser", USER), Statement.ALLOW_ALL);

		assertThat(evaluate(statements, "iam:GetUser", USER)).isEqualTo(Decision.ALLOW);
		assertThat(evaluate(statements, "iam:DeleteUser", "crn:iam:60108:user/Other")).isEqualTo(Decision.ALLOW);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "iam:GetUser", "IAM:GETUSER", "iam:getuser" })
	void actionsMatchWhateverTheirCaseForAllowAndDeny(String requested) {
		assertThat(evaluate(List.of(allow("iam:GetUser", USER)), requested, USER)).isEqualTo(Decision.ALLOW);
		assertThat(evaluate(List.of(Statement.ALLOW_ALL, deny("IAM:getUSER", USER)), requested, USER))
			.isEqualTo(Decision.EXPLICIT_DENY);
	}

	@Test
	void resourcesMatchOnlyInTheSameCase() {
		List<Statement> statements = List.of(allow("iam:GetUser", USER));

		assertThat(evaluate(statements, "iam:GetUser", "crn:iam:60108:user/system1")).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@ParameterizedTest(name = "{0} on {1}: {2}")
	@CsvSource({
			"iam:*,               crn:iam:60108:user/*,        iam:GetUser,          crn:iam:60108:user/System1,  ALLOW",
			"iam:Get*,            crn:iam:60108:user/*,        iam:GetUser,          crn:iam:60108:user/System1,  ALLOW",
			"iam:Get*,            crn:iam:60108:user/*,        iam:ListUsers,        crn:iam:60108:user/System1,  IMPLICIT_DENY",
			"*:List*,             crn:*,                       vserver:ListServers,  crn:vserver:60108:server/abc, ALLOW",
			"iam:?etUser,         crn:iam:60108:user/*,        iam:GetUser,          crn:iam:60108:user/System1,  ALLOW",
			"iam:?etUser,         crn:iam:60108:user/*,        iam:etUser,           crn:iam:60108:user/System1,  IMPLICIT_DENY",
			"iam:GetUser,         crn:iam:60108:user/System?,  iam:GetUser,          crn:iam:60108:user/System1,  ALLOW",
			"iam:GetUser,         crn:iam:60108:user/System?,  iam:GetUser,          crn:iam:60108:user/System10, IMPLICIT_DENY",
			"iam:GetUser,         crn:iam:60108:user/*,        iam:GetUser,          crn:iam:60108:root,          IMPLICIT_DENY",
			"iam:GetUser,         crn:iam:*:user/*,            iam:GetUser,          crn:iam:60108:user/a/b,      ALLOW",
			"iam:GetUser,         crn:vserver:60108:*,         iam:GetUser,          crn:iam:60108:user/System1,  IMPLICIT_DENY", })
	void wildcardsInActionsAndResourcesDecideWhatAnAllowCovers(String actionPattern, String resourcePattern,
			String action, String resource, Decision expected) {
		assertThat(evaluate(List.of(allow(actionPattern, resourcePattern)), action, resource)).isEqualTo(expected);
	}

	@Test
	void aStarResourceNeverReachesAnotherAccount() {
		List<Statement> statements = List.of(allow("iam:GetUser", "*"));

		assertThat(evaluate(statements, "iam:GetUser", USER)).isEqualTo(Decision.ALLOW);
		assertThat(evaluate(statements, "iam:GetUser", OTHER_USER)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void aPatternNamingAnotherAccountGrantsNothingThere() {
		List<Statement> statements = List.of(allow("iam:*", "crn:iam:70001:*"), allow("iam:*", OTHER_USER));

		assertThat(evaluate(statements, "iam:GetUser", OTHER_USER)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void aPrincipalOfTheOtherAccountIsAllowedByThatSamePattern() {
		List<Statement> statements = List.of(allow("iam:*", "crn:iam:70001:*"));

		assertThat(evaluator.evaluate(OTHER_ACCOUNT, statements, "iam:GetUser", OTHER_USER)).isEqualTo(Decision.ALLOW);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "crn:iam:6010:user/System1", "crn:iam:601080:user/System1", "crn:iam:060108:user/System1",
			"crn:iam::policy/IAMFullAccess" })
	void anAccountMustBeTheSameDigitsNotAPrefixAnExtensionOrTheGlobalAccount(String resource) {
		assertThat(evaluate(List.of(Statement.ALLOW_ALL), "iam:GetPolicy", resource)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void allowAllIsConfinedToTheOwnAccount() {
		List<Statement> root = List.of(Statement.ALLOW_ALL);

		assertThat(evaluate(root, "iam:DeleteUser", USER)).isEqualTo(Decision.ALLOW);
		assertThat(evaluate(root, "vserver:StopServer", "crn:vserver:60108:server/abc")).isEqualTo(Decision.ALLOW);
		assertThat(evaluate(root, "iam:DeleteUser", OTHER_USER)).isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(root, "vserver:StopServer", "crn:vserver:70001:server/abc"))
			.isEqualTo(Decision.IMPLICIT_DENY);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "iam:ImpersonateServiceAccount", "IAM:IMPERSONATESERVICEACCOUNT",
			"iam:impersonateserviceaccount" })
	void impersonationIsAllowedAcrossAccountsWhateverItsCase(String action) {
		List<Statement> statements = List.of(allow(PolicyEvaluator.IMPERSONATE_ACTION, OTHER_SERVICE_ACCOUNT));

		assertThat(evaluate(statements, action, OTHER_SERVICE_ACCOUNT)).isEqualTo(Decision.ALLOW);
	}

	@Test
	void impersonationAcrossAccountsStillNeedsAMatchingAllow() {
		assertThat(evaluate(List.of(), PolicyEvaluator.IMPERSONATE_ACTION, OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(
				evaluate(List.of(allow(PolicyEvaluator.IMPERSONATE_ACTION, "crn:iam:70001:service-account/sa-other")),
						PolicyEvaluator.IMPERSONATE_ACTION, OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void impersonationAcrossAccountsCanBeDenied() {
		List<Statement> statements = List.of(Statement.ALLOW_ALL, deny("iam:Impersonate*", "*"));

		assertThat(evaluate(statements, PolicyEvaluator.IMPERSONATE_ACTION, OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.EXPLICIT_DENY);
	}

	@Test
	void onlyImpersonationCrossesAccountsNotOtherActionsOnTheSameServiceAccount() {
		List<Statement> statements = List.of(allow("iam:*", OTHER_SERVICE_ACCOUNT));

		assertThat(evaluate(statements, "iam:GetServiceAccount", OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(statements, "iam:ImpersonateServiceAccountX", OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(statements, PolicyEvaluator.IMPERSONATE_ACTION, OTHER_SERVICE_ACCOUNT))
			.isEqualTo(Decision.ALLOW);
	}

	@Test
	void aDenyRefusesEvenInAnotherAccount() {
		assertThat(evaluate(List.of(deny("iam:*", "*")), "iam:GetUser", OTHER_USER)).isEqualTo(Decision.EXPLICIT_DENY);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "*", "", "user/System1", "crn:iam:60108", "crn:iam:60108:", "crn:IAM:60108:user/x",
			"crn:iam:60108:user/a b", "crn:iam:abc:user/x" })
	void aResourceThatIsNotAValidCrnIsDeniedEvenByAllowAll(String resource) {
		assertThat(evaluate(List.of(allow("*", "*")), "iam:GetUser", resource)).isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(List.of(allow("*", "*")), PolicyEvaluator.IMPERSONATE_ACTION, resource))
			.isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(List.of(deny("*", "*")), "iam:GetUser", resource)).isEqualTo(Decision.IMPLICIT_DENY);
	}

	@Test
	void aPathologicalResourcePatternIsDecidedCorrectlyOnALongResourceName() {
		String prefix = "crn:iam:60108:";
		List<Statement> statements = List.of(allow("*", prefix + "a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"));
		String longName = prefix + "a".repeat(100_000);

		assertThat(evaluate(statements, "iam:GetUser", longName)).isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(statements, "iam:GetUser", longName + "b")).isEqualTo(Decision.ALLOW);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "abc", "60108 ", "-1", "*" })
	void refusesAPrincipalAccountThatIsNotDigits(String account) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> evaluator.evaluate(account, List.of(Statement.ALLOW_ALL), "iam:GetUser", USER));
	}

	@ParameterizedTest
	@EnumSource(Decision.class)
	void onlyAllowIsAllowed(Decision decision) {
		assertThat(decision.allowed()).isEqualTo(decision == Decision.ALLOW);
	}

	@ParameterizedTest(name = "{0} on {1}: {2}")
	@CsvSource({ "iam:AttachPolicy,           crn:iam::policy/IAMFullAccess,   ALLOW",
			"IAM:DETACHPOLICY,           crn:iam::policy/IAMFullAccess,   ALLOW",
			"iam:GetPolicy,              crn:iam::policy/IAMFullAccess,   IMPLICIT_DENY",
			"iam:UpdatePolicy,           crn:iam::policy/IAMFullAccess,   IMPLICIT_DENY",
			"iam:AttachPolicy,           crn:iam::user/System1,           IMPLICIT_DENY",
			"iam:AttachPolicy,           crn:iam::policies/IAMFullAccess, IMPLICIT_DENY",
			"iam:AttachPolicy,           crn:vserver::policy/x,           IMPLICIT_DENY",
			"iam:AttachPolicy,           crn:iam:70001:policy/Theirs,     IMPLICIT_DENY",
			"vserver:StopServer,         crn:iam::policy/IAMFullAccess,   IMPLICIT_DENY", })
	void aStatementReachesAManagedPolicyOnlyToAttachOrDetachIt(String action, String resource, Decision expected) {
		List<Statement> everything = List.of(Statement.ALLOW_ALL);

		assertThat(evaluate(everything, action, resource)).isEqualTo(expected);
	}

	@Test
	void attachingOneManagedPolicyIsGrantedByNamingItsCrnAndADenyStillWins() {
		List<Statement> oneManaged = List.of(allow("iam:AttachPolicy", "crn:iam::policy/vServerReadOnlyAccess"));
		List<Statement> denied = List.of(Statement.ALLOW_ALL, deny("iam:Attach*", "crn:iam::policy/IAM*"));

		assertThat(evaluate(oneManaged, "iam:AttachPolicy", "crn:iam::policy/vServerReadOnlyAccess"))
			.isEqualTo(Decision.ALLOW);
		assertThat(evaluate(oneManaged, "iam:AttachPolicy", "crn:iam::policy/IAMFullAccess"))
			.isEqualTo(Decision.IMPLICIT_DENY);
		assertThat(evaluate(denied, "iam:AttachPolicy", "crn:iam::policy/IAMFullAccess"))
			.isEqualTo(Decision.EXPLICIT_DENY);
		assertThat(evaluate(denied, "iam:AttachPolicy", "crn:iam::policy/vServerFullAccess")).isEqualTo(Decision.ALLOW);
	}

}
