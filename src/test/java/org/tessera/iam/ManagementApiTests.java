package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.path;
import static org.tessera.iam.Iam.statement;
import static org.tessera.iam.Iam.strings;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

import tools.jackson.databind.JsonNode;

/**
 * A root user administers its account through {@code /iam/v1}: users, policies, service
 * accounts.
 */
class ManagementApiTests extends IntegrationTest {

	private static final Set<String> SERVICE_ACCOUNT_FIELDS = Set.of("id", "crn", "name", "description", "enabled",
			"deleted", "trustedAccounts", "trust", "maxSessionDuration", "policies", "createdAt", "lastUsedAt");

	private Http http() {
		return this.tessera.http();
	}

	@Test
	void aRootUserCreatesListsReadsAndDeletesUsers() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		Http.Response created = http().post(path(account, "/users"), root,
				Map.of("name", "Alice", "password", Tessera.PASSWORD));
		this.tessera.createUser(account, root, "bob");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("name").asString()).isEqualTo("Alice");
		assertThat(created.json().get("crn").asString()).isEqualTo("crn:iam:" + account + ":user/Alice");
		assertThat(created.body()).doesNotContain(Tessera.PASSWORD).doesNotContainIgnoringCase("hash");
		JsonNode alice = http().get(path(account, "/users/Alice"), root).json();
		assertThat(alice.get("name").asString()).isEqualTo("Alice");
		assertThat(alice.get("crn").asString()).isEqualTo("crn:iam:" + account + ":user/Alice");
		assertThat(strings(alice.get("policies"))).isEmpty();
		assertThat(Instant.parse(alice.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(5));
		assertThat(http().get(path(account, "/users/alice"), root).status())
			.as("names are looked up case-insensitively")
			.isEqualTo(200);
		assertThat(Iam.names(http(), path(account, "/users"), root, "name")).containsExactlyInAnyOrder("Alice", "bob");

		Http.Response deleted = http().delete(path(account, "/users/Alice"), root);

		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		Iam.problem(http().get(path(account, "/users/Alice"), root), 404);
		assertThat(Iam.names(http(), path(account, "/users"), root, "name")).containsExactly("bob");
		Iam.problem(http().delete(path(account, "/users/Alice"), root), 404);
	}

	@Test
	void aRootUserCreatesReadsUpdatesAndDeletesAccountPolicies() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String servers = "crn:vserver:" + account + ":server/*";

		Http.Response created = http().post(path(account, "/policies"), root,
				Map.of("name", "ReadServers", "description", "first", "statements",
						List.of(statement("Allow", List.of("vserver:Get*"), List.of(servers)))));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("crn").asString()).isEqualTo("crn:iam:" + account + ":policy/ReadServers");
		JsonNode read = http().get(path(account, "/policies/ReadServers"), root).json();
		assertThat(read.get("name").asString()).isEqualTo("ReadServers");
		assertThat(read.get("description").asString()).isEqualTo("first");
		assertThat(read.get("managed").asBoolean()).isFalse();
		assertThat(read.get("statements").toString())
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"vserver:Get*\"],\"resources\":[\"" + servers + "\"]}]");

		Http.Response updated = http().put(path(account, "/policies/ReadServers"), root,
				Map.of("name", "ReadServers", "description", "second", "statements",
						List.of(statement("Allow", List.of("vserver:List*"), List.of(servers)),
								statement("Deny", List.of("vserver:GetServer"), List.of("*")))));

		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		JsonNode reread = http().get(path(account, "/policies/ReadServers"), root).json();
		assertThat(reread.get("description").asString()).isEqualTo("second");
		assertThat(reread.get("statements").toString())
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"vserver:List*\"]," + "\"resources\":[\"" + servers
					+ "\"]},{\"effect\":\"Deny\",\"actions\":[\"vserver:GetServer\"]," + "\"resources\":[\"*\"]}]");
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name")).containsExactly("ReadServers");

		Http.Response deleted = http().delete(path(account, "/policies/ReadServers"), root);

		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		Iam.problem(http().get(path(account, "/policies/ReadServers"), root), 404);
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name")).isEmpty();
	}

	@Test
	void managedPoliciesAreListedReadableFromAnAccountAndReadOnly() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		Http.Response managed = http().get("/iam/v1/managed-policies", root);

		assertThat(managed.status()).as(managed.toString()).isEqualTo(200);
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		managed.json().get("items").forEach((p) -> byName.put(p.get("name").asString(), p));
		assertThat(byName).containsKeys("IAMFullAccess", "IAMReadOnlyAccess", "vServerFullAccess",
				"vServerReadOnlyAccess");
		assertThat(byName.values()).allSatisfy((p) -> assertThat(p.get("managed").asBoolean()).isTrue());
		assertThat(byName.get("IAMFullAccess").get("crn").asString()).isEqualTo("crn:iam::policy/IAMFullAccess");
		String fullAccess = byName.get("IAMFullAccess").get("statements").toString();
		assertThat(fullAccess).contains("iam:Create*", "iam:Attach*", "iam:Detach*")
			.doesNotContain("iam:*")
			.doesNotContainIgnoringCase("Impersonate");
		assertThat(byName.get("IAMReadOnlyAccess").get("statements").toString())
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"iam:Get*\",\"iam:List*\"],\"resources\":[\"*\"]}]");
		JsonNode viaAccount = http().get(path(account, "/policies/IAMReadOnlyAccess"), root).json();
		assertThat(viaAccount.get("managed").asBoolean()).isTrue();
		assertThat(viaAccount.get("statements")).isEqualTo(byName.get("IAMReadOnlyAccess").get("statements"));
		Iam.problem(http().put(path(account, "/policies/IAMReadOnlyAccess"), root, Map.of("name", "IAMReadOnlyAccess",
				"statements", List.of(statement("Allow", List.of("*"), List.of("*"))))), 409);
		Iam.problem(http().delete(path(account, "/policies/IAMReadOnlyAccess"), root), 409);
		assertThat(http().get(path(account, "/policies/IAMReadOnlyAccess"), root).json().get("statements"))
			.isEqualTo(byName.get("IAMReadOnlyAccess").get("statements"));
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name"))
			.as("managed policies are not account policies")
			.isEmpty();
	}

	@Test
	void aServiceAccountIsCreatedWithTrustAndPoliciesAndItsSecretIsShownOnlyOnce() {
		String account = this.tessera.signUp();
		String trusted = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createPolicy(account, root, "ReadOne", "Allow", List.of("vserver:GetServer"),
				List.of("crn:vserver:" + account + ":server/s1"));

		Http.Response created = http().post(path(account, "/service-accounts"), root,
				Map.of("name", "deployer", "description", "deploys things", "trustedAccounts", List.of(trusted),
						"policies", List.of("vServerReadOnlyAccess", "ReadOne")));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode body = created.json();
		String id = body.get("id").asString();
		String secret = body.get("clientSecret").asString();
		assertThat(id).isNotBlank();
		assertThat(body.get("clientId").asString()).isEqualTo(id);
		assertThat(body.get("crn").asString()).isEqualTo("crn:iam:" + account + ":service-account/" + id);
		assertThat(body.get("secretId").asString()).isNotBlank();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(20);
		assertThat(strings(body.get("trustedAccounts"))).containsExactly(trusted);
		assertThat(strings(body.get("policies"))).containsExactlyInAnyOrder("vServerReadOnlyAccess", "ReadOne");

		Http.Response read = http().get(path(account, "/service-accounts/" + id), root);
		Http.Response list = http().get(path(account, "/service-accounts"), root);

		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		JsonNode sa = read.json();
		assertThat(new HashSet<>(sa.propertyNames())).isEqualTo(SERVICE_ACCOUNT_FIELDS);
		assertThat(sa.get("id").asString()).isEqualTo(id);
		assertThat(sa.get("crn").asString()).isEqualTo("crn:iam:" + account + ":service-account/" + id);
		assertThat(sa.get("name").asString()).isEqualTo("deployer");
		assertThat(sa.get("description").asString()).isEqualTo("deploys things");
		assertThat(sa.get("enabled").asBoolean()).isTrue();
		assertThat(sa.get("deleted").asBoolean()).isFalse();
		assertThat(strings(sa.get("trustedAccounts"))).containsExactly(trusted);
		assertThat(strings(sa.get("policies"))).containsExactlyInAnyOrder("vServerReadOnlyAccess", "ReadOne");
		assertThat(Instant.parse(sa.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(5));
		assertThat(sa.get("lastUsedAt").isNull()).as("never used yet").isTrue();
		assertThat(read.body()).doesNotContain(secret).doesNotContain("clientSecret").doesNotContain("secretId");
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().get("items")).hasSize(1);
		assertThat(list.json().get("items").get(0)).isEqualTo(sa);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("clientSecret");
		assertThat(this.tessera.clientCredentials(id, secret).status()).as("the one-time secret works").isEqualTo(200);
	}

	@Test
	void policiesAreAttachedToAndDetachedFromUsersAndServiceAccounts() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "carol");
		this.tessera.createPolicy(account, root, "Own", "Allow", List.of("vserver:ListServers"),
				List.of("crn:vserver:" + account + ":server/*"));
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "robot", List.of(),
				List.of());
		String userCrn = "crn:iam:" + account + ":user/carol";

		for (String attach : List.of(path(account, "/users/carol/policies/Own"),
				path(account, "/users/carol/policies/IAMReadOnlyAccess"),
				path(account, "/service-accounts/" + sa.id() + "/policies/Own"),
				path(account, "/service-accounts/" + sa.id() + "/policies/vServerFullAccess"))) {
			Http.Response response = http().put(attach, root, "");
			assertThat(response.status()).as(attach + " -> " + response).isEqualTo(204);
		}

		assertThat(strings(http().get(path(account, "/users/carol"), root).json().get("policies")))
			.containsExactlyInAnyOrder("Own", "IAMReadOnlyAccess");
		assertThat(strings(http().get(path(account, "/service-accounts/" + sa.id()), root).json().get("policies")))
			.containsExactlyInAnyOrder("Own", "vServerFullAccess");
		assertThat(attachments(account, root, "Own")).containsExactlyInAnyOrder("user " + userCrn,
				"service-account " + sa.crn());
		assertThat(attachments(account, root, "IAMReadOnlyAccess")).containsExactly("user " + userCrn);
		assertThat(attachments(account, root, "vServerFullAccess")).containsExactly("service-account " + sa.crn());

		Http.Response detachUser = http().delete(path(account, "/users/carol/policies/Own"), root);
		Http.Response detachSa = http()
			.delete(path(account, "/service-accounts/" + sa.id() + "/policies/vServerFullAccess"), root);

		assertThat(detachUser.status()).as(detachUser.toString()).isEqualTo(204);
		assertThat(detachSa.status()).as(detachSa.toString()).isEqualTo(204);
		assertThat(strings(http().get(path(account, "/users/carol"), root).json().get("policies")))
			.containsExactly("IAMReadOnlyAccess");
		assertThat(strings(http().get(path(account, "/service-accounts/" + sa.id()), root).json().get("policies")))
			.containsExactly("Own");
		assertThat(attachments(account, root, "Own")).containsExactly("service-account " + sa.crn());
		assertThat(attachments(account, root, "vServerFullAccess")).isEmpty();
		assertThat(Tessera.claims(this.tessera.serviceAccountToken(sa)).get("perms").toString())
			.contains("vserver:ListServers")
			.doesNotContain("vserver:*");
	}

	@Test
	void trustIsReplacedAndTheDescriptionPatched() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "bridge",
				List.of("111111111111", "222222222222"), List.of());
		String saPath = path(account, "/service-accounts/" + sa.id());

		Http.Response trust = http().put(saPath + "/trust", root,
				Map.of("accounts", List.of("333333333333", "444444444444")));

		assertThat(trust.status()).as(trust.toString()).isEqualTo(200);
		assertThat(strings(trust.json().get("trustedAccounts"))).containsExactlyInAnyOrder("333333333333",
				"444444444444");
		assertThat(strings(http().get(saPath, root).json().get("trustedAccounts")))
			.containsExactlyInAnyOrder("333333333333", "444444444444");

		Http.Response cleared = http().put(saPath + "/trust", root, Map.of("accounts", List.of()));

		assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
		assertThat(strings(http().get(saPath, root).json().get("trustedAccounts"))).isEmpty();

		Http.Response patched = http().patch(saPath, root, Map.of("description", "a new description"));

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.json().get("description").asString()).isEqualTo("a new description");
		JsonNode reread = http().get(saPath, root).json();
		assertThat(reread.get("description").asString()).isEqualTo("a new description");
		assertThat(reread.get("name").asString()).as("a patch changes only what it names").isEqualTo("bridge");
		assertThat(reread.get("enabled").asBoolean()).isTrue();
		assertThat(patched.body()).doesNotContain(sa.secret());
	}

	@Test
	void everyListIsWalkedPageByPageSeeingEachItemExactlyOnce() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Set<String> users = Set.of("u1", "U2", "u3", "u4", "u5");
		Set<String> policies = Set.of("p1", "P2", "p3", "p4", "p5");
		Set<String> serviceAccounts = new HashSet<>();
		users.forEach((name) -> this.tessera.createUser(account, root, name));
		policies.forEach((name) -> this.tessera.createPolicy(account, root, name, "Allow", List.of("vserver:GetServer"),
				List.of("*")));
		for (int i = 0; i < 5; i++) {
			serviceAccounts.add(this.tessera.createServiceAccount(account, root, "sa" + i, List.of(), List.of()).id());
		}
		String sa = serviceAccounts.iterator().next();
		Set<String> secrets = new HashSet<>(http().get(path(account, "/service-accounts/" + sa + "/secrets"), root)
			.json()
			.findValuesAsString("secretId"));
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			secrets.add(http().post(path(account, "/service-accounts/" + sa + "/secrets"), root, Map.of())
				.json()
				.get("secretId")
				.asString());
			keys.add(http().post(path(account, "/service-accounts/" + sa + "/keys"), root, "")
				.json()
				.get("keyId")
				.asString());
		}
		keys.add(http().post(path(account, "/service-accounts/" + sa + "/keys"), root, "")
			.json()
			.get("keyId")
			.asString());

		for (Map.Entry<String, Map.Entry<String, Set<String>>> list : Map
			.of("/users", Map.entry("name", users), "/policies", Map.entry("name", policies), "/service-accounts",
					Map.entry("id", serviceAccounts), "/service-accounts/" + sa + "/secrets",
					Map.entry("secretId", secrets), "/service-accounts/" + sa + "/keys", Map.entry("keyId", keys))
			.entrySet()) {
			List<JsonNode> items = Iam.all(http(), path(account, list.getKey()), root, 2);
			assertThat(http().get(path(account, list.getKey() + "?pageSize=2"), root).json().get("items"))
				.as(list.getKey() + ": a page holds pageSize items")
				.hasSize(2);
			List<String> seen = items.stream().map((item) -> item.get(list.getValue().getKey()).asString()).toList();
			assertThat(seen).as(list.getKey())
				.hasSize(5)
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(list.getValue().getValue());
		}
		JsonNode lastPage = http().get(path(account, "/users?pageSize=5"), root).json();
		assertThat(lastPage.get("items")).hasSize(5);
		assertThat(lastPage.has("nextPageToken")).as("no token on the last page").isFalse();
		JsonNode firstPage = http().get(path(account, "/users?pageSize=4"), root).json();
		assertThat(firstPage.get("items")).hasSize(4);
		assertThat(firstPage.get("nextPageToken").asString()).isNotEmpty();
	}

	/**
	 * What a listed service account must show: trusted accounts in id order, policies in
	 * name order.
	 */
	private record Shown(List<String> trustedAccounts, List<String> policies) {
	}

	@Test
	void eachListedItemShowsItsOwnTrustAndPoliciesOnEveryPage() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		for (String name : List.of("TeamAlpha", "TeamBeta", "TeamGamma")) {
			this.tessera.createPolicy(account, root, name, "Allow", List.of("vserver:GetServer"), List.of("*"));
		}
		List<Shown> shown = List.of(new Shown(List.of(), List.of()),
				new Shown(List.of("100000000001"), List.of("TeamAlpha")),
				new Shown(List.of("100000000001", "100000000002"), List.of("TeamBeta", "vServerReadOnlyAccess")),
				new Shown(List.of("100000000003"), List.of("IAMReadOnlyAccess", "TeamAlpha", "TeamGamma")),
				new Shown(List.of("100000000004", "100000000005"), List.of("vServerFullAccess")));
		Map<String, Shown> expected = new LinkedHashMap<>();
		for (int i = 0; i < shown.size(); i++) {
			expected.put(
					this.tessera
						.createServiceAccount(account, root, "sa" + i, shown.get(i).trustedAccounts(),
								lowerCased(shown.get(i).policies()))
						.id(),
					shown.get(i));
		}
		Map<String, List<String>> userPolicies = Map.of("Ann", List.of("TeamBeta"), "bob", List.of(), "Cy",
				List.of("IAMFullAccess", "TeamAlpha", "TeamGamma"));
		userPolicies.forEach((user, policies) -> {
			this.tessera.createUser(account, root, user);
			lowerCased(policies).forEach((policy) -> this.tessera.attachToUser(account, root, user, policy));
		});

		List<JsonNode> serviceAccounts = Iam.all(http(), path(account, "/service-accounts"), root, 2);
		List<JsonNode> users = Iam.all(http(), path(account, "/users"), root, 2);

		assertThat(serviceAccounts).hasSize(5);
		for (JsonNode item : serviceAccounts) {
			String id = item.get("id").asString();
			assertThat(strings(item.get("trustedAccounts"))).as(id).isEqualTo(expected.get(id).trustedAccounts());
			assertThat(strings(item.get("policies"))).as(id + ", attached by lower-cased names")
				.isEqualTo(expected.get(id).policies());
			assertThat(item).as("the listed item is what GET shows")
				.isEqualTo(http().get(path(account, "/service-accounts/" + id), root).json());
		}
		assertThat(users).hasSize(3);
		for (JsonNode item : users) {
			String name = item.get("name").asString();
			assertThat(strings(item.get("policies"))).as(name).isEqualTo(userPolicies.get(name));
			assertThat(item).as("the listed item is what GET shows")
				.isEqualTo(http().get(path(account, "/users/" + name), root).json());
		}
	}

	private static List<String> lowerCased(List<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
	}

	@Test
	void duplicateNamesAreConflictsWhateverTheirCase() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Dana");
		this.tessera.createPolicy(account, root, "Ops", "Allow", List.of("vserver:GetServer"), List.of("*"));
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "Worker", List.of(),
				List.of());

		Iam.problem(http().post(path(account, "/users"), root, Map.of("name", "dANA", "password", Tessera.PASSWORD)),
				409);
		Iam.problem(
				http().post(path(account, "/policies"), root,
						Map.of("name", "OPS", "statements", List.of(statement("Allow", List.of("*"), List.of("*"))))),
				409);
		Iam.problem(http().post(path(account, "/policies"), root,
				Map.of("name", "iamfullaccess", "statements", List.of(statement("Allow", List.of("*"), List.of("*"))))),
				409);
		Iam.problem(http().post(path(account, "/service-accounts"), root, Map.of("name", "worker")), 409);

		assertThat(Iam.names(http(), path(account, "/users"), root, "name")).containsExactly("Dana");
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name")).containsExactly("Ops");
		assertThat(http().get(path(account, "/policies/Ops"), root).json().get("statements").toString())
			.as("the refused duplicate did not overwrite the policy")
			.contains("vserver:GetServer");
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "id")).containsExactly(sa.id());
	}

	@Test
	void everyChangeToAUserOrAPolicyIsAnAuditEventOfItsAccount() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String crn = "crn:iam:" + account + ":";
		this.tessera.createPolicy(account, root, "Ops", "Allow", List.of("vserver:GetServer"), List.of("*"));
		this.tessera.createUser(account, root, "Carol");
		this.tessera.attachToUser(account, root, "carol", "ops");
		assertThat(http().delete(path(account, "/users/CAROL/policies/Ops"), root).status()).isEqualTo(204);
		assertThat(
				http()
					.put(path(account, "/policies/Ops"), root,
							Map.of("name", "Ops", "statements",
									List.of(statement("Allow", List.of("vserver:ListServers"), List.of("*")))))
					.status())
			.isEqualTo(200);
		assertThat(http().delete(path(account, "/policies/ops"), root).status()).isEqualTo(204);
		assertThat(http().delete(path(account, "/users/carol"), root).status()).isEqualTo(204);

		List<String> events = Iam.all(http(), path(account, "/audit-events"), root, 100)
			.stream()
			.filter((event) -> event.get("actor").asString().equals(crn + "root"))
			.map((event) -> event.get("type").asString() + " " + event.get("target").asString() + " "
					+ event.get("reason").asString() + " " + event.get("decision").asString())
			.toList();

		assertThat(events).containsExactlyInAnyOrder("CreatePolicy " + crn + "policy/Ops ok ALLOWED",
				"CreateUser " + crn + "user/Carol ok ALLOWED", "AttachPolicy " + crn + "user/Carol Ops ALLOWED",
				"DetachPolicy " + crn + "user/Carol Ops ALLOWED", "UpdatePolicy " + crn + "policy/Ops ok ALLOWED",
				"DeletePolicy " + crn + "policy/Ops ok ALLOWED", "DeleteUser " + crn + "user/Carol ok ALLOWED");
	}

	@Test
	void anAttachedPolicyCannotBeDeletedUntilDetached() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "erin");
		this.tessera.createPolicy(account, root, "Sticky", "Allow", List.of("vserver:GetServer"), List.of("*"));
		this.tessera.attachToUser(account, root, "erin", "Sticky");

		Iam.problem(http().delete(path(account, "/policies/Sticky"), root), 409);

		assertThat(http().get(path(account, "/policies/Sticky"), root).status()).isEqualTo(200);
		assertThat(strings(http().get(path(account, "/users/erin"), root).json().get("policies")))
			.containsExactly("Sticky");
		assertThat(http().delete(path(account, "/users/erin/policies/Sticky"), root).status()).isEqualTo(204);
		assertThat(http().delete(path(account, "/policies/Sticky"), root).status()).isEqualTo(204);
		Iam.problem(http().get(path(account, "/policies/Sticky"), root), 404);
	}

	@Test
	void aServiceAccountWithAnUnknownPolicyIsRefusedAndNothingIsCreated() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		JsonNode first = Iam.badRequest(
				http().post(path(account, "/service-accounts"), root,
						Map.of("name", "ghost", "trustedAccounts", List.of(), "policies", List.of("NoSuchPolicy"))),
				"policies[0]");
		Iam.badRequest(
				http().post(path(account, "/service-accounts"), root,
						Map.of("name", "ghost", "policies", List.of("vServerFullAccess", "AlsoMissing"))),
				"policies[1]");

		assertThat(first.get("detail").asString()).contains("NoSuchPolicy");
		JsonNode list = http().get(path(account, "/service-accounts"), root).json();
		assertThat(list.get("items")).as(list.toString()).isEmpty();
		Tessera.ServiceAccountCredentials retry = this.tessera.createServiceAccount(account, root, "ghost", List.of(),
				List.of("vServerFullAccess"));
		assertThat(strings(http().get(path(account, "/service-accounts/" + retry.id()), root).json().get("policies")))
			.as("the refused attempts left nothing behind, not even the name")
			.containsExactly("vServerFullAccess");
	}

	private List<String> attachments(String account, String token, String policy) {
		Http.Response response = http().get(path(account, "/policies/" + policy + "/attachments"), token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json()
			.get("items")
			.valueStream()
			.map((a) -> a.get("type").asString() + " " + a.get("principal").asString())
			.toList();
	}

}
