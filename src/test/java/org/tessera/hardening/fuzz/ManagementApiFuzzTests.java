package org.tessera.hardening.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tessera.hardening.fuzz.Fuzz.Got;
import org.tessera.hardening.fuzz.Fuzz.Hostile;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of seeded random bodies to every create and update call of the management
 * API, and junk path segments to its reads, as the root user of a fresh account: every
 * answer is below 500, every refusal an RFC 9457 problem with a detail, and the account
 * afterwards is exactly what it was plus what the accepted (2xx) requests made: a refused
 * request changes nothing.
 */
class ManagementApiFuzzTests extends IntegrationTest {

	private static final int BODY_REQUESTS = 2000;

	private static final int PATH_REQUESTS = 500;

	private static final String PEM_P256 = "-----BEGIN PUBLIC KEY-----\n"
			+ "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\n"
			+ "q9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n" + "-----END PUBLIC KEY-----\n";

	private long seed;

	private Hostile hostile;

	private Fuzz.Raw raw;

	private String account;

	private String otherAccount;

	private String root;

	private String saId;

	/** What the accepted requests made or changed, to add to the snapshot. */
	private final Set<String> createdUsers = new TreeSet<>();

	private final Set<String> createdServiceAccounts = new TreeSet<>();

	private final Set<String> createdPolicies = new TreeSet<>();

	private final Set<String> createdSecrets = new TreeSet<>();

	private final Set<String> createdKeys = new TreeSet<>();

	private final Map<String, Integer> accepted = new TreeMap<>();

	private final Map<Integer, Integer> statusCounts = new TreeMap<>();

	private String expectedSaView;

	private String expectedSaEtag;

	private String expectedPolicyView;

	private int signUps;

	@Test
	void hostileBodiesAndPathsAreProblemsNever5xxAndARefusedRequestChangesNothing() {
		this.seed = Fuzz.seed();
		this.hostile = new Hostile(new Random(this.seed ^ 0x5DEECE66DL));
		this.raw = new Fuzz.Raw(issuer());
		this.account = this.tessera.signUp();
		this.otherAccount = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.tessera.createUser(this.account, this.root, "fuzz-user");
		this.tessera.createPolicy(this.account, this.root, "FuzzPolicy", "Allow", List.of("vserver:Get*"),
				List.of("crn:vserver:" + this.account + ":server/*"));
		this.tessera.attachToUser(this.account, this.root, "fuzz-user", "FuzzPolicy");
		this.saId = this.tessera
			.createServiceAccount(this.account, this.root, "fuzz-sa", List.of(this.otherAccount), List.of("FuzzPolicy"))
			.id();

		Snapshot before = snapshot();
		this.expectedSaView = before.saView;
		this.expectedSaEtag = before.saEtag;
		this.expectedPolicyView = before.policyView;

		Fuzz.Violations violations = new Fuzz.Violations();
		long started = System.nanoTime();
		int sent = 0;
		for (int i = 0; i < BODY_REQUESTS; i++) {
			Got got = sendBody();
			if (got != null) {
				sent++;
				check(got, violations);
			}
		}
		for (int i = 0; i < PATH_REQUESTS; i++) {
			Got got = sendPath();
			if (got != null) {
				sent++;
				check(got, violations);
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("management fuzz seed %d: %d requests in %d ms; statuses %s; accepted %s; sign-ups %d%n",
				this.seed, sent, millis, this.statusCounts, this.accepted, this.signUps);

		Snapshot after = snapshot();
		Set<String> users = new TreeSet<>(before.users);
		users.addAll(this.createdUsers);
		Set<String> serviceAccounts = new TreeSet<>(before.serviceAccounts);
		serviceAccounts.addAll(this.createdServiceAccounts);
		Set<String> policies = new TreeSet<>(before.policies);
		policies.addAll(this.createdPolicies);
		Set<String> secrets = new TreeSet<>(before.secrets);
		secrets.addAll(this.createdSecrets);
		Set<String> keys = new TreeSet<>(before.keys);
		keys.addAll(this.createdKeys);
		String seedNote = "seed " + this.seed + " (-Dfuzz.seed=" + this.seed + "): ";

		org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
		soft.assertThat(after.users).as(seedNote + "users = before + accepted creations").isEqualTo(users);
		soft.assertThat(after.serviceAccounts)
			.as(seedNote + "service accounts = before + accepted creations")
			.isEqualTo(serviceAccounts);
		soft.assertThat(after.policies).as(seedNote + "policies = before + accepted creations").isEqualTo(policies);
		soft.assertThat(after.secrets)
			.as(seedNote + "secrets of fuzz-sa = before + accepted creations")
			.isEqualTo(secrets);
		soft.assertThat(after.keys).as(seedNote + "keys of fuzz-sa = before + accepted creations").isEqualTo(keys);
		soft.assertThat(after.saView)
			.as(seedNote + "fuzz-sa as the last accepted change left it")
			.isEqualTo(this.expectedSaView);
		soft.assertThat(after.saEtag)
			.as(seedNote + "fuzz-sa version bumped only by accepted changes")
			.isEqualTo(this.expectedSaEtag);
		soft.assertThat(after.policyView)
			.as(seedNote + "FuzzPolicy as the last accepted update left it")
			.isEqualTo(this.expectedPolicyView);
		soft.assertThat(after.userView).as(seedNote + "fuzz-user untouched").isEqualTo(before.userView);
		soft.assertThat(violations.isEmpty()).as(violations.report(this.seed)).isTrue();
		soft.assertAll();
	}

	// ------------------------------------------------------------------ checks

	private void check(Got got, Fuzz.Violations violations) {
		String where = got.sent().method() + " " + endpointOf(got.sent().path());
		this.statusCounts.merge(got.status(), 1, Integer::sum);
		if (got.status() >= 500) {
			violations.add(where + ": 5xx", got);
			return;
		}
		if (got.status() < 200 || (got.status() >= 300 && got.status() < 400)) {
			violations.add(where + ": status " + got.status(), got);
			return;
		}
		String leak = Fuzz.leak(got.body());
		if (leak != null) {
			violations.add(where + ": " + leak, got);
			return;
		}
		if (got.status() >= 400) {
			String type = got.contentType();
			if (type == null || !type.startsWith("application/problem+json")) {
				violations.add(where + ": " + got.status() + " not problem+json (" + type + ")", got);
				return;
			}
			JsonNode body = Fuzz.parse(got.body());
			if (body == null || !body.isObject() || body.path("detail").asString("").isBlank()) {
				violations.add(where + ": " + got.status() + " problem without detail", got);
				return;
			}
			if (body.path("status").asInt() != got.status()) {
				violations.add(where + ": problem status " + body.path("status") + " differs from " + got.status(),
						got);
			}
		}
	}

	/** A path with ids and names replaced by placeholders, to group violations. */
	private String endpointOf(String path) {
		String p = path.replace(this.account, "{acct}").replace(this.saId, "{saId}");
		int query = p.indexOf('?');
		if (query >= 0) {
			p = p.substring(0, query) + "?…";
		}
		String[] parts = p.split("/", -1);
		StringBuilder shape = new StringBuilder();
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i];
			boolean known = Set
				.of("iam", "v1", "accounts", "{acct}", "{saId}", "users", "service-accounts", "policies", "trust",
						"secrets", "keys", "attachments", "audit-events")
				.contains(part.replace("?…", ""));
			shape.append('/').append(known ? part : (part.endsWith("?…") ? "{x}?…" : "{x}"));
		}
		return shape.toString();
	}

	// ------------------------------------------------------------------ bodies

	private record Target(String method, String path, String kind) {
	}

	private Target target() {
		Hostile h = this.hostile;
		String base = "/iam/v1/accounts/" + this.account;
		String sa = h.chance(0.85) ? this.saId : h.oneOf("sa-00000000000000000000000000", h.percentJunk());
		String policy = h.chance(0.75) ? "FuzzPolicy"
				: h.oneOf("IAMFullAccess", "NoSuchPolicy", "fuzzpolicy", h.percentJunk());
		return switch (h.nextInt(9)) {
			case 0 -> new Target("POST", base + "/users", "user");
			case 1 -> new Target("POST", base + "/service-accounts", "sa");
			case 2 -> new Target("POST", base + "/policies", "policy");
			case 3 -> new Target("PUT", base + "/policies/" + policy, "policy-update");
			case 4 -> new Target("PATCH", base + "/service-accounts/" + sa, "sa-update");
			case 5 -> new Target("PUT", base + "/service-accounts/" + sa + "/trust", "trust");
			case 6 -> new Target("POST", base + "/service-accounts/" + sa + "/secrets", "secret");
			case 7 -> new Target("POST", base + "/service-accounts/" + sa + "/keys", "key");
			default -> new Target("POST", "/iam/v1/accounts", "signup");
		};
	}

	private Got sendBody() {
		Hostile h = this.hostile;
		Target target = target();
		String contentType = h.chance(0.8) ? "application/json"
				: h.oneOf("text/plain", "application/xml", "multipart/form-data; boundary=XyZ", null, "",
						"application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1",
						"application/json; charset=garbage", "application/problem+json", "application/*", "*/*",
						"application/json;;", "APPLICATION/JSON");
		byte[] body = bodyFor(target.kind());
		Map<String, String> headers = Fuzz.headers("Authorization", "Bearer " + this.root, "Accept",
				h.oneOf("application/json", "application/json", "text/html", "*/*", null, "application/xml"),
				"Content-Type", contentType);
		if (target.kind().equals("signup")) {
			headers.remove("Authorization");
		}
		if ((target.kind().equals("sa-update") || target.kind().equals("trust")) && h.chance(0.1)) {
			headers.put("If-Match",
					h.oneOf(this.expectedSaEtag, "\"0\"", "*", "garbage", "\"" + h.validName(10) + "\""));
		}
		Got got = this.raw.send(target.method(), target.path(), headers, body);
		if (got != null && got.status() >= 200 && got.status() < 300) {
			accepted(target, got);
		}
		return got;
	}

	private void accepted(Target target, Got got) {
		this.accepted.merge(target.kind(), 1, Integer::sum);
		JsonNode body = Fuzz.parse(got.body());
		switch (target.kind()) {
			case "user" -> this.createdUsers.add(body.get("name").asString());
			case "sa" -> this.createdServiceAccounts.add(body.get("id").asString());
			case "policy" -> this.createdPolicies.add(body.get("name").asString());
			case "secret" -> this.createdSecrets.add(body.get("secretId").asString());
			case "key" -> this.createdKeys.add(body.get("keyId").asString());
			case "signup" -> this.signUps++;
			default -> {
			}
		}
		if (target.path().contains(this.saId)) {
			Http.Response sa = this.tessera.http()
				.get("/iam/v1/accounts/" + this.account + "/service-accounts/" + this.saId, this.root);
			this.expectedSaView = withoutLastUse(sa.json());
			this.expectedSaEtag = sa.header("ETag");
		}
		if (target.kind().equals("policy-update")) {
			this.expectedPolicyView = policyView();
		}
	}

	private byte[] bodyFor(String kind) {
		Hostile h = this.hostile;
		String text = switch (h.nextInt(20)) {
			case 0, 1 -> h.jsonValue(0);
			case 2 -> h.deepOrWide();
			case 3 -> "{\"description\":" + Fuzz.jsonString(h.huge()) + "}";
			case 4, 5 -> h.malformedJson();
			case 6 -> null; // invalid UTF-8
			case 7 -> "";
			case 8 -> h.oneOf("<user><name>x</name></user>", "name=x&password=y", "--XyZ\r\n\r\nx\r\n--XyZ--", "\u0000",
					" ", "\n");
			default -> structured(kind);
		};
		if (text == null) {
			return h.invalidUtf8Json(h.oneOf("name", "description", "password", "email", "algorithm", "publicKeyPem"));
		}
		return text.getBytes(h.chance(0.05) ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
	}

	/**
	 * An object with the endpoint's own fields, each plausible or hostile, maybe with
	 * unknown or duplicate keys.
	 */
	private String structured(String kind) {
		Hostile h = this.hostile;
		Map<String, String> fields = new LinkedHashMap<>();
		switch (kind) {
			case "user" -> {
				fields.put("name", h.chance(0.5) ? Fuzz.jsonString("fz" + h.validName(20)) : hostileValue());
				fields.put("password", h.chance(0.6) ? Fuzz.jsonString(Tessera.PASSWORD) : hostileValue());
			}
			case "sa" -> {
				fields.put("name", h.chance(0.5) ? Fuzz.jsonString("fz" + h.validName(20)) : hostileValue());
				fields.put("description", h.chance(0.5) ? Fuzz.jsonString(h.unicode()) : hostileValue());
				fields.put("trustedAccounts", accounts());
				fields.put("policies", policies());
			}
			case "policy", "policy-update" -> {
				fields.put("name",
						h.chance(0.5)
								? Fuzz.jsonString(
										kind.equals("policy") ? "Fz" + h.validName(20) : h.oneOf("FuzzPolicy", "Other"))
								: hostileValue());
				fields.put("description", h.chance(0.5) ? Fuzz.jsonString(h.unicode()) : hostileValue());
				fields.put("statements", statements());
			}
			case "sa-update" ->
				fields.put("description", h.chance(0.5) ? Fuzz.jsonString(h.unicode()) : hostileValue());
			case "trust" -> fields.put("accounts", accounts());
			case "secret" ->
				fields.put("expiresAt",
						h.chance(0.6) ? Fuzz.jsonString(h.oneOf("2030-01-01T00:00:00Z", "2001-01-01T00:00:00Z",
								"+1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2030-13-45T99:99:99Z",
								"2030-01-01", "tomorrow", "1970-01-01T00:00:00Z", "2030-01-01T00:00:00+25:00"))
								: h.oneOf(hostileValue(), "1893456000", "-1", "1e20", "9223372036854775807"));
			case "key" -> {
				if (h.chance(0.6)) {
					fields.put("algorithm",
							h.chance(0.4)
									? Fuzz.jsonString(
											h.oneOf("ES256", "RS256", "es256", "HS256", "none", "ES512", "RS1024", ""))
									: hostileValue());
				}
				if (h.chance(0.6)) {
					fields.put("publicKeyPem",
							h.chance(0.5)
									? Fuzz.jsonString(h.oneOf(PEM_P256, PEM_P256.replace("MFkw", "MFkx"),
											PEM_P256.replace("PUBLIC", "PRIVATE"),
											"-----BEGIN PUBLIC KEY-----\n" + "QUFB".repeat(h.oneOf(1, 100, 10_000))
													+ "\n-----END PUBLIC KEY-----",
											"-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
											"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
									: hostileValue());
				}
			}
			default -> { // signup
				fields.put("email", h.chance(0.3)
						? Fuzz.jsonString("fz-" + h.validName(10).replace("@", "") + "@example.test") : hostileValue());
				fields.put("password", h.chance(0.5) ? Fuzz.jsonString(Tessera.PASSWORD) : hostileValue());
			}
		}
		List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
		entries.removeIf((e) -> h.chance(0.15)); // missing fields
		if (h.chance(0.15)) { // unknown field
			entries.add(Map.entry(h.oneOf("isAdmin", "id", "crn", "clientSecret", "secret", "enabled", "account",
					"__proto__", "", h.string()), h.jsonValue(0)));
		}
		if (h.chance(0.15) && !entries.isEmpty()) { // duplicate key
			Map.Entry<String, String> again = entries.get(h.nextInt(entries.size()));
			entries.add(Map.entry(h.chance(0.8) ? again.getKey() : again.getKey().toUpperCase(), hostileValue()));
		}
		Collections.shuffle(entries, h.random);
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < entries.size(); i++) {
			json.append((i > 0) ? "," : "")
				.append(Fuzz.jsonString(entries.get(i).getKey()))
				.append(':')
				.append(entries.get(i).getValue());
		}
		return json.append('}').toString();
	}

	private String hostileValue() {
		Hostile h = this.hostile;
		return h.chance(0.6) ? Fuzz.jsonString(h.string()) : h.jsonValue(1);
	}

	private String accounts() {
		Hostile h = this.hostile;
		if (h.chance(0.3)) {
			return hostileValue();
		}
		List<String> values = new ArrayList<>();
		int n = h.chance(0.05) ? 60 : h.nextInt(4);
		for (int i = 0; i < n; i++) {
			values.add(h.chance(0.6) ? Fuzz.jsonString(h.oneOf(this.otherAccount, this.account, "000000000000",
					"12345678901", "1234567890123", this.otherAccount + " ")) : hostileValue());
		}
		return "[" + String.join(",", values) + "]";
	}

	private String policies() {
		Hostile h = this.hostile;
		if (h.chance(0.3)) {
			return hostileValue();
		}
		List<String> values = new ArrayList<>();
		int n = h.chance(0.05) ? 25 : h.nextInt(4);
		for (int i = 0; i < n; i++) {
			values.add(h.chance(0.6) ? Fuzz.jsonString(
					h.oneOf("FuzzPolicy", "vServerFullAccess", "IAMReadOnlyAccess", "NoSuchPolicy", "iamfullaccess"))
					: hostileValue());
		}
		return "[" + String.join(",", values) + "]";
	}

	private String statements() {
		Hostile h = this.hostile;
		if (h.chance(0.2)) {
			return hostileValue();
		}
		List<String> values = new ArrayList<>();
		int n = h.chance(0.05) ? 51 : h.nextInt(4);
		for (int i = 0; i < n; i++) {
			if (h.chance(0.2)) {
				values.add(hostileValue());
				continue;
			}
			Map<String, String> statement = new LinkedHashMap<>();
			statement.put("effect",
					h.chance(0.7) ? Fuzz.jsonString(h.oneOf("Allow", "Deny", "allow", "ALLOW", "")) : hostileValue());
			statement.put("actions",
					patterns(h.oneOf("vserver:GetServer", "iam:*", "*", "no colon", "a:b:c", ":", "x:")));
			statement.put("resources", patterns(
					h.oneOf("*", "crn:vserver:" + this.account + ":server/*", "crn:iam:*", "x".repeat(513), "")));
			statement.keySet().removeIf((k) -> h.chance(0.1));
			if (h.chance(0.1)) {
				statement.put(h.oneOf("Condition", "principal", "Effect"), hostileValue());
			}
			StringBuilder json = new StringBuilder("{");
			statement.forEach((k,
					v) -> json.append((json.length() > 1) ? "," : "").append(Fuzz.jsonString(k)).append(':').append(v));
			values.add(json.append('}').toString());
		}
		return "[" + String.join(",", values) + "]";
	}

	private String patterns(String plausible) {
		Hostile h = this.hostile;
		if (h.chance(0.2)) {
			return hostileValue();
		}
		List<String> values = new ArrayList<>();
		int n = h.chance(0.05) ? 51 : h.nextInt(3) + (h.chance(0.9) ? 1 : 0);
		for (int i = 0; i < n; i++) {
			values.add(h.chance(0.7) ? Fuzz.jsonString(plausible) : hostileValue());
		}
		return "[" + String.join(",", values) + "]";
	}

	// ------------------------------------------------------------------ paths

	private Got sendPath() {
		Hostile h = this.hostile;
		String base = "/iam/v1/accounts/" + this.account;
		String junk = (h.chance(0.1)) ? "x".repeat(h.oneOf(300, 1_000, 3_000)) : h.percentJunk();
		String path = switch (h.nextInt(12)) {
			case 0 -> base + "/users/" + junk;
			case 1 -> base + "/service-accounts/" + junk;
			case 2 -> base + "/service-accounts/" + junk + "/secrets";
			case 3 -> base + "/service-accounts/" + this.saId + "/keys/" + junk;
			case 4 -> base + "/policies/" + junk;
			case 5 -> base + "/policies/" + junk + "/attachments";
			case 6 -> "/iam/v1/accounts/" + junk + "/users";
			case 7 -> base + "/users?pageSize=" + junk;
			case 8 -> base + "/service-accounts?pageToken=" + junk;
			case 9 -> base + "/service-accounts?unusedForDays=" + junk;
			case 10 -> base + "/audit-events?pageToken=" + junk + "&pageSize=" + h.oneOf("1", "0", junk);
			default -> base + "/policies?pageToken=" + junk;
		};
		return this.raw.send("GET", path, Fuzz.headers("Authorization", "Bearer " + this.root, "Accept",
				h.oneOf("application/json", "*/*", "text/html", null)), null);
	}

	// ------------------------------------------------------------------ snapshot

	private record Snapshot(Set<String> users, Set<String> serviceAccounts, Set<String> policies, Set<String> secrets,
			Set<String> keys, String saView, String saEtag, String policyView, String userView) {
	}

	private Snapshot snapshot() {
		String base = "/iam/v1/accounts/" + this.account;
		Http.Response sa = this.tessera.http().get(base + "/service-accounts/" + this.saId, this.root);
		assertThat(sa.status()).as(sa.toString()).isEqualTo(200);
		Http.Response user = this.tessera.http().get(base + "/users/fuzz-user", this.root);
		assertThat(user.status()).as(user.toString()).isEqualTo(200);
		return new Snapshot(values(base + "/users?pageSize=1000", "name"),
				values(base + "/service-accounts?pageSize=1000", "id"),
				values(base + "/policies?pageSize=1000", "name"),
				values(base + "/service-accounts/" + this.saId + "/secrets", "secretId"),
				values(base + "/service-accounts/" + this.saId + "/keys", "keyId"), withoutLastUse(sa.json()),
				sa.header("ETag"), policyView(), user.json().toString());
	}

	private String policyView() {
		Http.Response policy = this.tessera.http()
			.get("/iam/v1/accounts/" + this.account + "/policies/FuzzPolicy", this.root);
		return policy.status() + " " + policy.body();
	}

	private Set<String> values(String path, String field) {
		Http.Response response = this.tessera.http().get(path, this.root);
		assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
		JsonNode next = response.json().get("nextPageToken");
		assertThat(next == null || next.isNull()).as("one page: " + path).isTrue();
		Set<String> values = new TreeSet<>();
		response.json().get("items").forEach((item) -> values.add(item.get(field).asString()));
		return values;
	}

	private static String withoutLastUse(JsonNode sa) {
		ObjectNode copy = (ObjectNode) sa.deepCopy();
		copy.remove("lastUsedAt");
		return copy.toString();
	}

}
