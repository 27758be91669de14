package org.tessera.hardening.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Tenant isolation of the management API (SPEC section 4): three callers of account A,
 * each allowed everything in A (A's root; a user of A with IAMFullAccess; a service
 * account of A with IAMFullAccess, by client credentials), try every account-scoped route
 * on account B's objects, three ways:
 * <ol>
 * <li>B's account in the path with B's ids;</li>
 * <li>A's account in the path with B's ids;</li>
 * <li>A's account and A's own parent objects in the path, with B's leaf ids (a secret or
 * key of B under A's service account, B's policy attached to A's user or service
 * account).</li>
 * </ol>
 * Every answer must be 403 or 404, never a 2xx or a 5xx, and must not show anything of B
 * that the caller did not put in the path itself. After the walk, B's state is exactly
 * what it was before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests extends IntegrationTest {

	/**
	 * The account-scoped routes of the management API, from the controllers (read on
	 * 2026-11-22): <pre>
	 * UserController (org.tessera.user)
	 *   POST   /iam/v1/accounts/{acct}/users
	 *   GET    /iam/v1/accounts/{acct}/users
	 *   GET    /iam/v1/accounts/{acct}/users/{name}
	 *   DELETE /iam/v1/accounts/{acct}/users/{name}
	 *   PUT    /iam/v1/accounts/{acct}/users/{name}/policies/{policy}
	 *   DELETE /iam/v1/accounts/{acct}/users/{name}/policies/{policy}
	 * ServiceAccount{,Policy,Secret,Key}Controller (org.tessera.serviceaccount), BASE = /iam/v1/accounts/{acct}/service-accounts
	 *   POST   BASE
	 *   GET    BASE
	 *   GET    BASE/{saId}
	 *   PATCH  BASE/{saId}
	 *   PUT    BASE/{saId}/trust
	 *   PUT    BASE/{saId}/policies/{policy}
	 *   DELETE BASE/{saId}/policies/{policy}
	 *   POST   BASE/{saId}/disable
	 *   POST   BASE/{saId}/enable
	 *   DELETE BASE/{saId}
	 *   POST   BASE/{saId}/undelete
	 *   POST   BASE/{saId}/secrets
	 *   GET    BASE/{saId}/secrets
	 *   DELETE BASE/{saId}/secrets/{secretId}
	 *   POST   BASE/{saId}/keys
	 *   GET    BASE/{saId}/keys
	 *   DELETE BASE/{saId}/keys/{keyId}
	 *   PATCH  BASE/{saId}/keys/{keyId}
	 *   POST   BASE/{saId}/access-keys
	 *   GET    BASE/{saId}/access-keys
	 *   PATCH  BASE/{saId}/access-keys/{accessKeyId}
	 *   DELETE BASE/{saId}/access-keys/{accessKeyId}
	 * PolicyController, GuardrailController (org.tessera.accountpolicy)
	 *   POST   /iam/v1/accounts/{acct}/policies
	 *   GET    /iam/v1/accounts/{acct}/policies
	 *   GET    /iam/v1/accounts/{acct}/policies/{name}
	 *   PUT    /iam/v1/accounts/{acct}/policies/{name}
	 *   DELETE /iam/v1/accounts/{acct}/policies/{name}
	 *   GET    /iam/v1/accounts/{acct}/policies/{name}/attachments
	 *   GET    /iam/v1/accounts/{acct}/guardrails
	 *   PUT    /iam/v1/accounts/{acct}/guardrails/{policy}
	 *   DELETE /iam/v1/accounts/{acct}/guardrails/{policy}
	 * AuditController (org.tessera.audit)
	 *   GET    /iam/v1/accounts/{acct}/audit-events
	 * Not account-scoped, so not in the table:
	 *   POST   /iam/v1/accounts              (AccountController: sign-up, no token)
	 *   GET    /iam/v1/managed-policies      (PolicyController: the same for everybody)
	 *   GET/POST /login                     (LoginPageController), vServer's controllers
	 * </pre> 6 + 22 + 9 + 1 = 38.
	 */
	static final int ACCOUNT_SCOPED_ROUTES = 38;

	/**
	 * One route: method, path template ({user} and {policy} stand for the {name} and
	 * {policy} variables).
	 */
	record Endpoint(String method, String path, String body) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

		boolean hasLeafOfB() {
			return this.path.contains("{secretId}") || this.path.contains("{keyId}")
					|| this.path.contains("{accessKeyId}") || (this.path.contains("{policy}")
							&& (this.path.contains("{user}") || this.path.contains("{saId}")));
		}

		boolean hasIdOfB() {
			return this.path.contains("{user}") || this.path.contains("{policy}") || this.path.contains("{saId}")
					|| this.path.contains("{secretId}") || this.path.contains("{keyId}")
					|| this.path.contains("{accessKeyId}");
		}

	}

	private static final String STATEMENTS = "[{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]}]";

	private static final String SA = "/iam/v1/accounts/{acct}/service-accounts";

	static final List<Endpoint> ENDPOINTS = List.of(
			// users
			new Endpoint("POST", "/iam/v1/accounts/{acct}/users",
					"{\"name\":\"intruder\",\"password\":\"" + Tessera.PASSWORD + "\"}"),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/users", null),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/users/{user}", null),
			new Endpoint("DELETE", "/iam/v1/accounts/{acct}/users/{user}", null),
			new Endpoint("PUT", "/iam/v1/accounts/{acct}/users/{user}/policies/{policy}", ""),
			new Endpoint("DELETE", "/iam/v1/accounts/{acct}/users/{user}/policies/{policy}", null),
			// service accounts
			new Endpoint("POST", SA,
					"{\"name\":\"intruder\",\"description\":\"x\",\"trustedAccounts\":[],\"policies\":[]}"),
			new Endpoint("GET", SA, null), new Endpoint("GET", SA + "/{saId}", null),
			new Endpoint("PATCH", SA + "/{saId}", "{\"description\":\"pwned\"}"),
			new Endpoint("PUT", SA + "/{saId}/trust", "{\"accounts\":[\"{attacker}\"]}"),
			new Endpoint("PUT", SA + "/{saId}/policies/{policy}", ""),
			new Endpoint("DELETE", SA + "/{saId}/policies/{policy}", null),
			new Endpoint("POST", SA + "/{saId}/disable", ""), new Endpoint("POST", SA + "/{saId}/enable", ""),
			new Endpoint("DELETE", SA + "/{saId}", null), new Endpoint("POST", SA + "/{saId}/undelete", ""),
			new Endpoint("POST", SA + "/{saId}/secrets", "{}"), new Endpoint("GET", SA + "/{saId}/secrets", null),
			new Endpoint("DELETE", SA + "/{saId}/secrets/{secretId}", null),
			new Endpoint("POST", SA + "/{saId}/keys", ""), new Endpoint("GET", SA + "/{saId}/keys", null),
			new Endpoint("DELETE", SA + "/{saId}/keys/{keyId}", null),
			new Endpoint("PATCH", SA + "/{saId}/keys/{keyId}", "{\"disabled\":true}"),
			new Endpoint("POST", SA + "/{saId}/access-keys", ""), new Endpoint("GET", SA + "/{saId}/access-keys", null),
			new Endpoint("PATCH", SA + "/{saId}/access-keys/{accessKeyId}", "{\"status\":\"Inactive\"}"),
			new Endpoint("DELETE", SA + "/{saId}/access-keys/{accessKeyId}", null),
			// policies
			new Endpoint("POST", "/iam/v1/accounts/{acct}/policies",
					"{\"name\":\"intruder\",\"statements\":" + STATEMENTS + "}"),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/policies", null),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/policies/{policy}", null),
			new Endpoint("PUT", "/iam/v1/accounts/{acct}/policies/{policy}",
					"{\"name\":\"{policy}\",\"description\":\"pwned\",\"statements\":" + STATEMENTS + "}"),
			new Endpoint("DELETE", "/iam/v1/accounts/{acct}/policies/{policy}", null),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/policies/{policy}/attachments", null),
			new Endpoint("GET", "/iam/v1/accounts/{acct}/guardrails", null),
			new Endpoint("PUT", "/iam/v1/accounts/{acct}/guardrails/{policy}", ""),
			new Endpoint("DELETE", "/iam/v1/accounts/{acct}/guardrails/{policy}", null),
			// audit
			new Endpoint("GET", "/iam/v1/accounts/{acct}/audit-events", null));

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	/**
	 * Account B and what it holds; all names are unique to this run so that A cannot have
	 * the same by chance.
	 */
	private String accountB;

	private String emailB;

	private String rootB;

	private final String userB = "bob-" + SUFFIX;

	private final String policyB = "BobsPolicy-" + SUFFIX;

	private final String policyDescriptionB = "only-for-b-" + SUFFIX;

	private final String saNameB = "b-robot-" + SUFFIX;

	private final String saDescriptionB = "b-robot-description-" + SUFFIX;

	private ServiceAccountCredentials saB;

	private String secretIdB;

	private String keyIdB;

	private String accessKeyIdB;

	private String accessKeySecretB;

	private String privateKeyB;

	/** Account A and its three callers. */
	private String accountA;

	private String userA = "alice-" + SUFFIX;

	private ServiceAccountCredentials saA;

	private Map<String, String> callers;

	private Snapshot before;

	private Http http;

	@BeforeAll
	void twoAccounts() {
		Tessera tessera = new Tessera(issuer());
		this.http = tessera.http();

		this.emailB = "b-" + SUFFIX + "@example.test";
		Http.Response signUp = this.http.post("/iam/v1/accounts", null,
				Map.of("email", this.emailB, "password", Tessera.PASSWORD));
		assertThat(signUp.status()).as(signUp.toString()).isEqualTo(201);
		this.accountB = signUp.json().get("id").asString();
		this.rootB = tessera.loginRoot(this.accountB);
		tessera.createUser(this.accountB, this.rootB, this.userB);
		Http.Response policy = this.http
			.post("/iam/v1/accounts/" + this.accountB + "/policies", this.rootB, "{\"name\":\"" + this.policyB
					+ "\",\"description\":\"" + this.policyDescriptionB
					+ "\",\"statements\":[{\"effect\":\"Allow\",\"actions\":[\"vserver:ListServers\"],\"resources\":[\"*\"]}]}");
		assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
		tessera.attachToUser(this.accountB, this.rootB, this.userB, this.policyB);
		Http.Response sa = this.http.post("/iam/v1/accounts/" + this.accountB + "/service-accounts", this.rootB,
				Map.of("name", this.saNameB, "description", this.saDescriptionB, "trustedAccounts", List.of(),
						"policies", List.of(this.policyB)));
		assertThat(sa.status()).as(sa.toString()).isEqualTo(201);
		this.saB = new ServiceAccountCredentials(sa.json().get("id").asString(), sa.json().get("crn").asString(),
				sa.json().get("clientSecret").asString());
		Http.Response secret = this.http.post(saPath(this.accountB, this.saB.id()) + "/secrets", this.rootB, "{}");
		assertThat(secret.status()).as(secret.toString()).isEqualTo(201);
		this.secretIdB = secret.json().get("secretId").asString();
		Http.Response key = this.http.postRaw(saPath(this.accountB, this.saB.id()) + "/keys", this.rootB,
				"application/json", "");
		assertThat(key.status()).as(key.toString()).isEqualTo(201);
		this.keyIdB = key.json().get("keyId").asString();
		this.privateKeyB = key.json().get("privateKeyPem").asString();
		Http.Response accessKey = this.http.postRaw(saPath(this.accountB, this.saB.id()) + "/access-keys", this.rootB,
				"application/json", "");
		assertThat(accessKey.status()).as(accessKey.toString()).isEqualTo(201);
		this.accessKeyIdB = accessKey.json().get("accessKeyId").asString();
		this.accessKeySecretB = accessKey.json().get("secretAccessKey").asString();

		this.accountA = tessera.signUp();
		String rootA = tessera.loginRoot(this.accountA);
		tessera.createUser(this.accountA, rootA, this.userA);
		tessera.attachToUser(this.accountA, rootA, this.userA, "IAMFullAccess");
		this.saA = tessera.createServiceAccount(this.accountA, rootA, "a-robot-" + SUFFIX, List.of(),
				List.of("IAMFullAccess"));
		this.callers = new LinkedHashMap<>();
		this.callers.put("A's root", rootA);
		this.callers.put("A's user with IAMFullAccess", tessera.login(this.accountA, this.userA, Tessera.PASSWORD));
		this.callers.put("A's service account with IAMFullAccess", tessera.serviceAccountToken(this.saA));

		this.before = snapshotOfB();
	}

	// ---------------------------------------------------------------- the table itself

	@Test
	void theTableCoversEveryAccountScopedRoute() throws IOException {
		Set<String> table = new LinkedHashSet<>();
		for (Endpoint endpoint : ENDPOINTS) {
			table.add(endpoint.method() + " " + normalized(endpoint.path()));
		}
		assertThat(table).as("no route twice").hasSize(ENDPOINTS.size());
		assertThat(ENDPOINTS).as("the documented routes of ACCOUNT_SCOPED_ROUTES").hasSize(ACCOUNT_SCOPED_ROUTES);

		// Where the sources are at hand (a normal `mvn test` in the project), compare
		// with the controllers too.
		Path sources = Path.of("src", "main", "java", "org", "tessera");
		if (Files.isDirectory(sources)) {
			assertThat(routesOfControllers(sources)).as("account-scoped routes of the *Controller.java files")
				.containsExactlyInAnyOrderElementsOf(table);
		}
	}

	// ---------------------------------------------------------------- A's lists never
	// show B

	@Test
	void aListingItsOwnListsNeverSeesB() {
		for (Map.Entry<String, String> caller : this.callers.entrySet()) {
			for (String list : List.of("users", "service-accounts", "policies", "audit-events")) {
				Http.Response response = this.http.get("/iam/v1/accounts/" + this.accountA + "/" + list,
						caller.getValue());
				assertThat(response.status()).as(caller.getKey() + " lists " + list + ": " + response).isEqualTo(200);
				assertNothingOfB(response, "/iam/v1/accounts/" + this.accountA + "/" + list,
						caller.getKey() + " lists " + list);
			}
			for (String policy : List.of("IAMFullAccess", "vServerFullAccess")) {
				String path = "/iam/v1/accounts/" + this.accountA + "/policies/" + policy + "/attachments";
				Http.Response response = this.http.get(path, caller.getValue());
				assertThat(response.status()).as(caller.getKey() + " " + path + ": " + response).isEqualTo(200);
				assertNothingOfB(response, path, caller.getKey() + " " + path);
			}
		}
	}

	@Test
	void aCannotAttachBsPolicyToItsOwnUserOrServiceAccountByName() {
		for (Map.Entry<String, String> caller : this.callers.entrySet()) {
			String userPath = "/iam/v1/accounts/" + this.accountA + "/users/" + this.userA + "/policies/"
					+ this.policyB;
			Http.Response toUser = this.http.put(userPath, caller.getValue(), "");
			assertThat(toUser.status()).as(caller.getKey() + " PUT " + userPath + ": " + toUser).isEqualTo(404);
			String saPath = saPath(this.accountA, this.saA.id()) + "/policies/" + this.policyB;
			Http.Response toSa = this.http.put(saPath, caller.getValue(), "");
			assertThat(toSa.status()).as(caller.getKey() + " PUT " + saPath + ": " + toSa).isEqualTo(404);
		}
		Http.Response user = this.http.get("/iam/v1/accounts/" + this.accountA + "/users/" + this.userA,
				this.callers.get("A's root"));
		assertThat(user.body()).doesNotContain(this.policyB);
		Http.Response sa = this.http.get(saPath(this.accountA, this.saA.id()), this.callers.get("A's root"));
		assertThat(sa.body()).doesNotContain(this.policyB);
	}

	// ---------------------------------------------------------------- the walk

	Stream<Arguments> bInThePath() {
		return cross(ENDPOINTS);
	}

	Stream<Arguments> aInThePathWithBsIds() {
		return cross(ENDPOINTS.stream().filter(Endpoint::hasIdOfB).toList());
	}

	Stream<Arguments> aParentsWithBsLeaves() {
		return cross(ENDPOINTS.stream().filter(Endpoint::hasLeafOfB).toList());
	}

	@ParameterizedTest(name = "{1} as {0}")
	@MethodSource("bInThePath")
	void bsAccountInThePathIsRefused(String caller, Endpoint endpoint) {
		Map<String, String> ids = Map.of("{acct}", this.accountB, "{user}", this.userB, "{policy}", this.policyB,
				"{saId}", this.saB.id(), "{secretId}", this.secretIdB, "{keyId}", this.keyIdB, "{accessKeyId}",
				this.accessKeyIdB);
		assertRefused(caller, endpoint, ids);
	}

	@ParameterizedTest(name = "{1} as {0}")
	@MethodSource("aInThePathWithBsIds")
	void bsIdsUnderAsAccountAreNotFound(String caller, Endpoint endpoint) {
		Map<String, String> ids = Map.of("{acct}", this.accountA, "{user}", this.userB, "{policy}", this.policyB,
				"{saId}", this.saB.id(), "{secretId}", this.secretIdB, "{keyId}", this.keyIdB, "{accessKeyId}",
				this.accessKeyIdB);
		assertRefused(caller, endpoint, ids);
	}

	@ParameterizedTest(name = "{1} as {0}")
	@MethodSource("aParentsWithBsLeaves")
	void bsLeavesUnderAsOwnObjectsAreNotFound(String caller, Endpoint endpoint) {
		Map<String, String> ids = Map.of("{acct}", this.accountA, "{user}", this.userA, "{policy}", this.policyB,
				"{saId}", this.saA.id(), "{secretId}", this.secretIdB, "{keyId}", this.keyIdB, "{accessKeyId}",
				this.accessKeyIdB);
		assertRefused(caller, endpoint, ids);
	}

	/**
	 * After every test of the class, whichever ran and in whatever order: none of them
	 * changed anything of B.
	 */
	@AfterAll
	void bIsUnchangedAfterTheWalk() {
		Snapshot after = snapshotOfB();
		assertThat(after.entries()).containsExactlyEntriesOf(this.before.entries());
		// and B's own service account still gets tokens with the secret it was given
		Http.Response token = new Tessera(issuer()).clientCredentials(this.saB.id(), this.saB.secret());
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
	}

	// ---------------------------------------------------------------- helpers

	private Stream<Arguments> cross(List<Endpoint> endpoints) {
		List<Arguments> arguments = new ArrayList<>();
		for (String caller : List.of("A's root", "A's user with IAMFullAccess",
				"A's service account with IAMFullAccess")) {
			for (Endpoint endpoint : endpoints) {
				arguments.add(Arguments.of(caller, endpoint));
			}
		}
		return arguments.stream();
	}

	private void assertRefused(String caller, Endpoint endpoint, Map<String, String> ids) {
		String path = fill(endpoint.path(), ids);
		String body = (endpoint.body() != null) ? fill(endpoint.body(), ids) : null;
		Http.Response response = send(endpoint.method(), path, this.callers.get(caller), body);
		String what = caller + " " + endpoint.method() + " " + path + " -> " + response;
		assertThat(response.status()).as(what).isIn(403, 404);
		assertNothingOfB(response, path, what);
	}

	private String fill(String template, Map<String, String> ids) {
		String filled = template.replace("{attacker}", this.accountA);
		for (Map.Entry<String, String> id : ids.entrySet()) {
			filled = filled.replace(id.getKey(), id.getValue());
		}
		return filled;
	}

	private Http.Response send(String method, String path, String token, String body) {
		return switch (method) {
			case "GET" -> this.http.get(path, token);
			case "DELETE" -> this.http.delete(path, token);
			case "POST" -> this.http.postRaw(path, token, "application/json", body);
			case "PUT" -> this.http.put(path, token, body);
			case "PATCH" -> this.http.patch(path, token, body);
			default -> throw new IllegalArgumentException(method);
		};
	}

	/**
	 * What of B a caller of A must never read, unless the caller wrote it in the path.
	 */
	private void assertNothingOfB(Http.Response response, String path, String what) {
		Map<String, String> secretsOfB = new LinkedHashMap<>();
		secretsOfB.put("B's account id", this.accountB);
		secretsOfB.put("B's root e-mail", this.emailB);
		secretsOfB.put("B's user", this.userB);
		secretsOfB.put("B's policy", this.policyB);
		secretsOfB.put("B's policy description", this.policyDescriptionB);
		secretsOfB.put("B's service account name", this.saNameB);
		secretsOfB.put("B's service account description", this.saDescriptionB);
		secretsOfB.put("B's service account id", this.saB.id());
		secretsOfB.put("B's client secret", this.saB.secret());
		secretsOfB.put("B's secret id", this.secretIdB);
		secretsOfB.put("B's key id", this.keyIdB);
		secretsOfB.put("B's access key id", this.accessKeyIdB);
		secretsOfB.put("B's access key secret", this.accessKeySecretB);
		secretsOfB.put("B's private key", this.privateKeyB.split("\n")[1]);
		String body = (response.body() != null) ? response.body() : "";
		secretsOfB.forEach((name, value) -> {
			if (!path.contains(value)) {
				assertThat(body).as(what + ": the answer shows " + name).doesNotContain(value);
			}
		});
	}

	private static String saPath(String account, String saId) {
		return "/iam/v1/accounts/" + account + "/service-accounts/" + saId;
	}

	/** Everything B's root can read of B, keyed by what was read. */
	record Snapshot(Map<String, String> entries) {
	}

	private Snapshot snapshotOfB() {
		Map<String, String> entries = new LinkedHashMap<>();
		String acct = "/iam/v1/accounts/" + this.accountB;
		read(entries, acct + "/users");
		read(entries, acct + "/users/" + this.userB);
		read(entries, acct + "/service-accounts");
		read(entries, saPath(this.accountB, this.saB.id()));
		read(entries, saPath(this.accountB, this.saB.id()) + "/secrets");
		read(entries, saPath(this.accountB, this.saB.id()) + "/keys");
		read(entries, acct + "/policies");
		read(entries, acct + "/policies/" + this.policyB);
		read(entries, acct + "/policies/" + this.policyB + "/attachments");
		for (String managed : List.of("IAMFullAccess", "vServerFullAccess")) {
			read(entries, acct + "/policies/" + managed + "/attachments");
		}
		return new Snapshot(entries);
	}

	private void read(Map<String, String> entries, String path) {
		Http.Response response = this.http.get(path, this.rootB);
		assertThat(response.status()).as("B's root reads " + path + ": " + response).isEqualTo(200);
		JsonNode json = response.json();
		entries.put(path, json.toString());
	}

	private static String normalized(String path) {
		return path.replaceAll("\\{[^}]+}", "{}");
	}

	private static final Pattern MAPPING = Pattern
		.compile("@(Get|Post|Put|Patch|Delete)Mapping\\(\\s*(?:value\\s*=\\s*|path\\s*=\\s*)?([^)]*)\\)");

	private static final Pattern CONSTANT = Pattern
		.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;");

	/**
	 * The account-scoped routes of every *Controller.java under the sources, as "METHOD
	 * /path/{}/…".
	 */
	private static Set<String> routesOfControllers(Path sources) throws IOException {
		Set<String> routes = new LinkedHashSet<>();
		List<Path> controllers;
		try (Stream<Path> files = Files.walk(sources)) {
			controllers = files.filter((file) -> file.getFileName().toString().endsWith("Controller.java")).toList();
		}
		for (Path controller : controllers) {
			String source = Files.readString(controller);
			Map<String, String> constants = new LinkedHashMap<>();
			Matcher constant = CONSTANT.matcher(source);
			while (constant.find()) {
				constants.put(constant.group(1), constant.group(2));
			}
			Matcher mapping = MAPPING.matcher(source);
			while (mapping.find()) {
				StringBuilder path = new StringBuilder();
				for (String part : mapping.group(2).split("\\+")) {
					String trimmed = part.trim();
					if (trimmed.startsWith("\"")) {
						path.append(trimmed, 1, trimmed.length() - 1);
					}
					else {
						path.append(constants.getOrDefault(trimmed, "<" + trimmed + ">"));
					}
				}
				if (path.toString().startsWith("/iam/v1/accounts/{acct}")) {
					routes.add(mapping.group(1).toUpperCase() + " " + normalized(path.toString()));
				}
			}
		}
		return routes;
	}

}
