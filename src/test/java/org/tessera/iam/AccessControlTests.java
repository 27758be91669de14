package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.path;
import static org.tessera.iam.Iam.statement;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Every management call is checked against the caller's own, current policies, inside its
 * own account.
 */
class AccessControlTests extends IntegrationTest {

	private Http http() {
		return this.tessera.http();
	}

	@Test
	void anIamUserLogsInWithTheAccountIdOrTheRootEmailAndGetsItsOwnPerms() {
		String email = "Root-" + UUID.randomUUID() + "@Example.test";
		Http.Response signUp = http().post("/iam/v1/accounts", null,
				Map.of("email", email, "password", Tessera.PASSWORD));
		assertThat(signUp.status()).as(signUp.toString()).isEqualTo(201);
		String account = signUp.json().get("id").asString();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Reader");
		this.tessera.createUser(account, root, "Nobody");
		this.tessera.attachToUser(account, root, "Reader", "IAMReadOnlyAccess");

		String byId = this.tessera.login(account, "Reader", Tessera.PASSWORD);
		String byEmail = this.tessera.login(email, "Nobody", Tessera.PASSWORD);

		JsonNode reader = Tessera.claims(byId);
		assertThat(reader.get("sub").asString()).isEqualTo("crn:iam:" + account + ":user/Reader");
		assertThat(reader.get("acct").asString()).isEqualTo(account);
		assertThat(reader.get("client_id").asString()).isEqualTo("tessera-cli");
		assertThat(reader.get("perms").toString())
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"iam:Get*\",\"iam:List*\"],\"resources\":[\"*\"]}]");
		JsonNode nobody = Tessera.claims(byEmail);
		assertThat(nobody.get("sub").asString()).isEqualTo("crn:iam:" + account + ":user/Nobody");
		assertThat(nobody.get("acct").asString()).isEqualTo(account);
		assertThat(nobody.get("perms").isArray()).as(nobody.toString()).isTrue();
		assertThat(nobody.get("perms")).as("no policies, no permissions").isEmpty();
	}

	@Test
	void aReadOnlyUserListsServiceAccountsButCannotCreateOne() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials existing = this.tessera.createServiceAccount(account, root, "existing", List.of(),
				List.of());
		this.tessera.createUser(account, root, "viewer");
		this.tessera.attachToUser(account, root, "viewer", "IAMReadOnlyAccess");
		String viewer = this.tessera.login(account, "viewer", Tessera.PASSWORD);

		Http.Response list = http().get(path(account, "/service-accounts"), viewer);
		Http.Response create = http().post(path(account, "/service-accounts"), viewer, Map.of("name", "sneaky"));

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().findValuesAsString("id")).containsExactly(existing.id());
		JsonNode refusal = Iam.forbidden(create, "iam:CreateServiceAccount",
				"crn:iam:" + account + ":service-account/*");
		assertThat(refusal.get("detail").asString()).contains("iam:CreateServiceAccount");
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "name")).containsExactly("existing");
	}

	@Test
	void aUserWithIamFullAccessInOneAccountIsRefusedEverywhereInAnother() {
		String a = this.tessera.signUp();
		String b = this.tessera.signUp();
		String rootA = this.tessera.loginRoot(a);
		String rootB = this.tessera.loginRoot(b);
		this.tessera.createUser(a, rootA, "admin");
		this.tessera.attachToUser(a, rootA, "admin", "IAMFullAccess");
		this.tessera.createUser(b, rootB, "secretUserOfB");
		this.tessera.createPolicy(b, rootB, "SecretPolicyOfB", "Allow", List.of("vserver:GetServer"), List.of("*"));
		ServiceAccountCredentials saOfB = this.tessera.createServiceAccount(b, rootB, "secretRobotOfB", List.of(a),
				List.of("vServerFullAccess"));
		String admin = this.tessera.login(a, "admin", Tessera.PASSWORD);
		assertThat(http().get(path(a, "/users"), admin).status()).as("IAMFullAccess works at home").isEqualTo(200);
		Map<String, Object> policy = Map.of("name", "Planted", "statements",
				List.of(statement("Allow", List.of("*"), List.of("*"))));
		String sa = "crn:iam:" + b + ":service-account/";

		for (String token : List.of(admin, rootA)) {
			List<Map.Entry<Http.Response, String[]>> calls = List.of(
					Map.entry(http().get(path(b, "/users"), token),
							new String[] { "iam:ListUsers", "crn:iam:" + b + ":user/*" }),
					Map.entry(
							http().post(path(b, "/users"), token,
									Map.of("name", "intruder", "password", Tessera.PASSWORD)),
							new String[] { "iam:CreateUser", "crn:iam:" + b + ":user/intruder" }),
					Map.entry(http().get(path(b, "/users/secretUserOfB"), token),
							new String[] { "iam:GetUser", "crn:iam:" + b + ":user/secretUserOfB" }),
					Map.entry(http().get(path(b, "/users/noSuchUser"), token),
							new String[] { "iam:GetUser", "crn:iam:" + b + ":user/noSuchUser" }),
					Map.entry(http().delete(path(b, "/users/secretUserOfB"), token),
							new String[] { "iam:DeleteUser", "crn:iam:" + b + ":user/secretUserOfB" }),
					Map.entry(http().get(path(b, "/service-accounts"), token),
							new String[] { "iam:ListServiceAccounts", sa + "*" }),
					Map.entry(http().post(path(b, "/service-accounts"), token, Map.of("name", "planted")),
							new String[] { "iam:CreateServiceAccount", sa + "*" }),
					Map.entry(http().get(path(b, "/service-accounts/" + saOfB.id()), token),
							new String[] { "iam:GetServiceAccount", sa + saOfB.id() }),
					Map.entry(
							http().put(path(b, "/service-accounts/" + saOfB.id() + "/trust"), token,
									Map.of("accounts", List.of(a))),
							new String[] { "iam:UpdateServiceAccount", sa + saOfB.id() }),
					Map.entry(http().get(path(b, "/policies"), token),
							new String[] { "iam:ListPolicies", "crn:iam:" + b + ":policy/*" }),
					Map.entry(http().post(path(b, "/policies"), token, policy),
							new String[] { "iam:CreatePolicy", "crn:iam:" + b + ":policy/Planted" }),
					Map.entry(http().get(path(b, "/policies/SecretPolicyOfB"), token),
							new String[] { "iam:GetPolicy", "crn:iam:" + b + ":policy/SecretPolicyOfB" }),
					Map.entry(http().get(path(b, "/policies/SecretPolicyOfB/attachments"), token),
							new String[] { "iam:GetPolicy", "crn:iam:" + b + ":policy/SecretPolicyOfB" }),
					Map.entry(http().put(path(b, "/users/secretUserOfB/policies/IAMFullAccess"), token, ""),
							new String[] { "iam:AttachPolicy", "crn:iam:" + b + ":user/secretUserOfB" }));
			for (Map.Entry<Http.Response, String[]> call : calls) {
				Http.Response response = call.getKey();
				Iam.forbidden(response, call.getValue()[0], call.getValue()[1]);
				assertThat(response.body()).as("nothing of B leaks")
					.doesNotContain("secretRobotOfB", "statements", "vserver:GetServer", "trustedAccounts",
							"clientSecret")
					.doesNotContain(saOfB.secret());
			}
		}

		assertThat(Iam.names(http(), path(b, "/users"), rootB, "name")).containsExactly("secretUserOfB");
		assertThat(Iam.names(http(), path(b, "/policies"), rootB, "name")).containsExactly("SecretPolicyOfB");
		assertThat(Iam.names(http(), path(b, "/service-accounts"), rootB, "name")).containsExactly("secretRobotOfB");
		assertThat(Iam
			.strings(http().get(path(b, "/service-accounts/" + saOfB.id()), rootB).json().get("trustedAccounts")))
			.containsExactly(a);
		assertThat(Iam.strings(http().get(path(b, "/users/secretUserOfB"), rootB).json().get("policies"))).isEmpty();
	}

	@Test
	void aUserWithoutPoliciesCannotEvenListUsers() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "plain");
		String plain = this.tessera.login(account, "plain", Tessera.PASSWORD);

		Iam.forbidden(http().get(path(account, "/users"), plain), "iam:ListUsers", "crn:iam:" + account + ":user/*");
		Iam.forbidden(http().get(path(account, "/users/plain"), plain), "iam:GetUser",
				"crn:iam:" + account + ":user/plain");
	}

	@Test
	void aServiceAccountTokenWithIamReadOnlyAccessListsItsOwnAccountsServiceAccounts() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials auditor = this.tessera.createServiceAccount(account, root, "auditor", List.of(),
				List.of("IAMReadOnlyAccess"));
		ServiceAccountCredentials other = this.tessera.createServiceAccount(account, root, "other", List.of(),
				List.of());
		String token = this.tessera.serviceAccountToken(auditor);

		Http.Response list = http().get(path(account, "/service-accounts"), token);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().findValuesAsString("id")).containsExactlyInAnyOrder(auditor.id(), other.id());
		assertThat(list.body()).doesNotContain(auditor.secret()).doesNotContain(other.secret());
		Iam.forbidden(http().post(path(account, "/service-accounts"), token, Map.of("name", "x")),
				"iam:CreateServiceAccount", "crn:iam:" + account + ":service-account/*");
	}

	@Test
	void creatingAServiceAccountWithPoliciesOrTrustAlsoNeedsTheRightsToAttachAndToTrust() {
		String account = this.tessera.signUp();
		String other = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createPolicy(account, root, "CreateOnly", "Allow", List.of("iam:CreateServiceAccount"),
				List.of("crn:iam:" + account + ":service-account/*"));
		this.tessera.createPolicy(account, root, "NoAttach", "Deny", List.of("iam:AttachPolicy"), List.of("*"));
		this.tessera.createUser(account, root, "creator");
		this.tessera.attachToUser(account, root, "creator", "CreateOnly");
		this.tessera.createUser(account, root, "admin");
		this.tessera.attachToUser(account, root, "admin", "IAMFullAccess");
		this.tessera.attachToUser(account, root, "admin", "NoAttach");
		String creator = this.tessera.login(account, "creator", Tessera.PASSWORD);
		String admin = this.tessera.login(account, "admin", Tessera.PASSWORD);

		Http.Response withPolicy = http().post(path(account, "/service-accounts"), creator,
				Map.of("name", "escalated", "policies", List.of("IAMFullAccess")));
		Http.Response withTrust = http().post(path(account, "/service-accounts"), creator,
				Map.of("name", "trusting", "trustedAccounts", List.of(other)));
		Http.Response deniedAttach = http().post(path(account, "/service-accounts"), admin,
				Map.of("name", "escalated", "policies", List.of("IAMFullAccess"), "trustedAccounts", List.of(other)));

		assertRefusedOnTheNewServiceAccount(withPolicy, "iam:AttachPolicy", account);
		assertRefusedOnTheNewServiceAccount(withTrust, "iam:UpdateServiceAccount", account);
		assertRefusedOnTheNewServiceAccount(deniedAttach, "iam:AttachPolicy", account);
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "name")).as("nothing left behind")
			.isEmpty();
		assertThat(http().get(path(account, "/policies/IAMFullAccess/attachments"), root).body())
			.doesNotContain("service-account");
		assertThat(http().post(path(account, "/service-accounts"), creator, Map.of("name", "plain")).status())
			.isEqualTo(201);
		assertThat(http()
			.post(path(account, "/service-accounts"), admin,
					Map.of("name", "trusting", "trustedAccounts", List.of(other)))
			.status()).isEqualTo(201);
	}

	private static void assertRefusedOnTheNewServiceAccount(Http.Response response, String action, String account) {
		JsonNode refusal = Iam.problem(response, 403);
		assertThat(refusal.get("action").asString()).isEqualTo(action);
		assertThat(refusal.get("resource").asString()).startsWith("crn:iam:" + account + ":service-account/sa-");
	}

	@Test
	void theRootTokenCarriesExactlyAllowAllConfinedToItsAccount() {
		String account = this.tessera.signUp();
		String other = this.tessera.signUp();

		String root = this.tessera.loginRoot(account);

		JsonNode claims = Tessera.claims(root);
		assertThat(claims.get("perms").toString())
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]}]");
		assertThat(claims.get("sub").asString()).isEqualTo("crn:iam:" + account + ":root");
		assertThat(claims.get("acct").asString()).isEqualTo(account);
		assertThat(http().get(path(account, "/users"), root).status()).isEqualTo(200);
		Iam.forbidden(http().get(path(other, "/users"), root), "iam:ListUsers", "crn:iam:" + other + ":user/*");
	}

	@Test
	void detachingAPolicyTakesEffectOnTheNextCallWithTheSameToken() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "temp");
		this.tessera.attachToUser(account, root, "temp", "IAMReadOnlyAccess");
		String temp = this.tessera.login(account, "temp", Tessera.PASSWORD);
		assertThat(http().get(path(account, "/users"), temp).status()).isEqualTo(200);

		Http.Response detach = http().delete(path(account, "/users/temp/policies/IAMReadOnlyAccess"), root);

		assertThat(detach.status()).as(detach.toString()).isEqualTo(204);
		Iam.forbidden(http().get(path(account, "/users"), temp), "iam:ListUsers", "crn:iam:" + account + ":user/*");
	}

	@Test
	void aDenyNamingAUserOrAPolicyHoldsHoweverThePathSpellsTheName() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String crn = "crn:iam:" + account + ":";
		this.tessera.createUser(account, root, "Admin");
		this.tessera.createUser(account, root, "operator");
		this.tessera.createPolicy(account, root, "Guardrail", "Deny", List.of("vserver:DeleteServer"), List.of("*"));
		Http.Response operatorAccess = http().post(path(account, "/policies"), root,
				Map.of("name", "OperatorAccess", "statements",
						List.of(statement("Allow", List.of("iam:*"), List.of("*")),
								statement("Deny", List.of("iam:DeleteUser", "iam:AttachPolicy"),
										List.of(crn + "user/Admin")),
								statement("Deny", List.of("iam:UpdatePolicy", "iam:DeletePolicy"),
										List.of(crn + "policy/Guardrail")))));
		assertThat(operatorAccess.status()).as(operatorAccess.toString()).isEqualTo(201);
		this.tessera.attachToUser(account, root, "operator", "OperatorAccess");
		String operator = this.tessera.login(account, "operator", Tessera.PASSWORD);
		Map<String, Object> loosened = Map.of("name", "guardrail", "statements",
				List.of(statement("Allow", List.of("vserver:DeleteServer"), List.of("*"))));

		Iam.forbidden(http().delete(path(account, "/users/admin"), operator), "iam:DeleteUser", crn + "user/Admin");
		Iam.forbidden(http().put(path(account, "/users/ADMIN/policies/IAMFullAccess"), operator, ""),
				"iam:AttachPolicy", crn + "user/Admin");
		Iam.forbidden(http().put(path(account, "/policies/guardrail"), operator, loosened), "iam:UpdatePolicy",
				crn + "policy/Guardrail");
		Iam.forbidden(http().delete(path(account, "/policies/GUARDRAIL"), operator), "iam:DeletePolicy",
				crn + "policy/Guardrail");

		assertThat(http().get(path(account, "/users/aDMIN"), operator).json().get("policies")).isEmpty();
		assertThat(http().get(path(account, "/policies/Guardrail"), operator).json().get("statements").toString())
			.contains("Deny");
	}

	@Test
	void aDeletedUsersTokenDoesNotComeBackToLifeWhenTheNameIsReused() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(account, root, "checker", List.of(),
				List.of());
		this.tessera.createUser(account, root, "leaver");
		String oldToken = this.tessera.login(account, "leaver", Tessera.PASSWORD);

		assertThat(http().delete(path(account, "/users/leaver"), root).status()).isEqualTo(204);
		assertThat(introspect(oldToken, checker).get("active").asBoolean())
			.as("the token of a deleted user is inactive")
			.isFalse();
		this.tessera.createUser(account, root, "leaver");
		this.tessera.attachToUser(account, root, "leaver", "IAMReadOnlyAccess");

		Http.Response reused = http().get(path(account, "/users"), oldToken);

		assertThat(reused.status())
			.as("a token issued to the deleted user must not act as the new user of the same name: " + reused)
			.isEqualTo(401);
		assertThat(introspect(oldToken, checker).get("active").asBoolean())
			.as("introspection of the deleted user's token after the name was reused")
			.isFalse();
	}

	@Test
	void aBrowserStillLoggedInAsADeletedUserGetsTheLoginPageNotACodeForTheNewUserOfTheName() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "System1");
		Http browser = new Http(issuer());
		assertThat(this.tessera.authorizationCode(browser, account, "System1", Tessera.PASSWORD)).isNotNull();
		assertThat(Tessera.codeOf(this.tessera.authorize(browser)))
			.as("the session alone gets a code while the user exists")
			.isNotNull();

		replaceWithAnIamFullAccessUserOfTheSameName(account, root, "System1");
		Http.Response again = this.tessera.authorize(browser);

		assertThat(again.status()).as(again.toString()).isEqualTo(302);
		assertThat(again.header("Location")).as("the deleted user's session must log in again").endsWith("/login");
	}

	@Test
	void aCodeIssuedBeforeTheUserWasDeletedGetsInvalidGrantNotATokenForTheNewUserOfTheName() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "System1");
		String code = this.tessera.authorizationCode(account, "System1", Tessera.PASSWORD);

		replaceWithAnIamFullAccessUserOfTheSameName(account, root, "System1");
		Http.Response token = this.tessera.redeem(code);

		assertThat(token.status()).as(token.toString()).isEqualTo(400);
		assertThat(token.contentType()).startsWith("application/json");
		assertThat(token.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(token.body()).doesNotContain("access_token");
	}

	private void replaceWithAnIamFullAccessUserOfTheSameName(String account, String root, String name) {
		assertThat(http().delete(path(account, "/users/" + name), root).status()).isEqualTo(204);
		this.tessera.createUser(account, root, name);
		this.tessera.attachToUser(account, root, name, "IAMFullAccess");
	}

	@Test
	void aWrongPasswordOrAnUnknownUserIsRefusedAtTheLoginPage() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "known");

		assertThat(this.tessera.authorizationCode(account, "known", Tessera.PASSWORD + "x")).isNull();
		assertThat(this.tessera.authorizationCode(account, "unknown", Tessera.PASSWORD)).isNull();
		assertThat(this.tessera.authorizationCode(account, "", "wrong root password")).isNull();
		assertThat(this.tessera.authorizationCode(account, "known", Tessera.PASSWORD))
			.as("the right password does log in")
			.isNotNull();
	}

	@Test
	void noTokenIs401WithABearerChallengeAndAProblemBody() {
		String account = this.tessera.signUp();

		Http.Response response = http().get(path(account, "/users"), null);

		JsonNode body = Iam.problem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(body.toString()).doesNotContain("Exception");
	}

	@Test
	void aGarbageBearerTokenIs401() {
		String account = this.tessera.signUp();

		Http.Response garbage = http().get(path(account, "/users"), "not-a-token");
		Http.Response forged = http().get(path(account, "/users"),
				"eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJjcm46aWFtOjE6cm9vdCJ9.");

		for (Http.Response response : List.of(garbage, forged)) {
			Iam.problem(response, 401);
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
		}
	}

	private JsonNode introspect(String token, ServiceAccountCredentials client) {
		Http.Response response = http().form("/oauth2/introspect", Http.fields("token", token), client.id(),
				client.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

}
