package org.tessera.hardening.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tessera.hardening.fuzz.Fuzz.Got;
import org.tessera.hardening.fuzz.Fuzz.Hostile;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

import tools.jackson.databind.JsonNode;

/**
 * Thousands of seeded random requests to the token, introspection and revocation
 * endpoints, mixing a real service account's credentials and tokens with garbage: every
 * answer is an RFC 6749 JSON error or a JSON success, never a 5xx, an HTML page or a
 * stack trace, and the server still issues tokens afterwards.
 */
class TokenEndpointFuzzTests extends IntegrationTest {

	private static final int TOKEN_REQUESTS = 2000;

	private static final int INTROSPECT_REQUESTS = 300;

	private static final int REVOKE_REQUESTS = 300;

	private static final List<String> GRANTS = List.of("client_credentials", "authorization_code", "refresh_token",
			"password", "urn:ietf:params:oauth:grant-type:token-exchange",
			"urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code",
			"device_code", "implicit", "CLIENT_CREDENTIALS", "client_credentials ", "", "garbage");

	private static final List<String> PARAMS = List.of("grant_type", "client_id", "client_secret", "scope", "code",
			"redirect_uri", "code_verifier", "refresh_token", "subject_token", "subject_token_type", "actor_token",
			"actor_token_type", "requested_token_type", "username", "password", "device_code", "assertion",
			"client_assertion_type", "client_assertion", "resource", "audience", "state", "token", "token_type_hint",
			"response_type", "nonce");

	private long seed;

	private Hostile hostile;

	private Fuzz.Raw raw;

	private String saId;

	private String saSecret;

	private List<String> tokens;

	@Test
	void hostileRequestsToTheTokenIntrospectionAndRevocationEndpointsAreAlwaysJsonAndNever5xx() {
		this.seed = Fuzz.seed();
		this.hostile = new Hostile(new Random(this.seed));
		this.raw = new Fuzz.Raw(issuer());
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials fuzzed = this.tessera.createServiceAccount(account, root, "token-fuzz",
				List.of(), List.of("vServerReadOnlyAccess"));
		Tessera.ServiceAccountCredentials untouched = this.tessera.createServiceAccount(account, root,
				"token-fuzz-check", List.of(), List.of());
		this.saId = fuzzed.id();
		this.saSecret = fuzzed.secret();
		this.tokens = new ArrayList<>(List.of(root, this.tessera.serviceAccountToken(fuzzed)));

		Fuzz.Violations violations = new Fuzz.Violations();
		int[] statuses = new int[6];
		long started = System.nanoTime();
		for (int i = 0; i < TOKEN_REQUESTS + INTROSPECT_REQUESTS + REVOKE_REQUESTS; i++) {
			String endpoint = (i < TOKEN_REQUESTS) ? "/oauth2/token"
					: (i < TOKEN_REQUESTS + INTROSPECT_REQUESTS) ? "/oauth2/introspect" : "/oauth2/revoke";
			Got got = sendOne(endpoint);
			if (got == null) {
				continue;
			}
			statuses[Math.min(got.status() / 100, 5)]++;
			check(got, violations);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("token fuzz seed %d: %d requests in %d ms, by status class 1xx..5xx %d %d %d %d %d%n",
				this.seed, TOKEN_REQUESTS + INTROSPECT_REQUESTS + REVOKE_REQUESTS, millis, statuses[1], statuses[2],
				statuses[3], statuses[4], statuses[5]);

		Http.Response after = this.tessera.clientCredentials(untouched.id(), untouched.secret());
		assertThat(after.status()).as("seed %d: the server still issues tokens after the fuzz: %s", this.seed, after)
			.isEqualTo(200);
		assertThat(after.json().get("access_token").asString()).isNotBlank();
		assertThat(violations.isEmpty()).as(violations.report(this.seed)).isTrue();
	}

	private void check(Got got, Fuzz.Violations violations) {
		String where = got.sent().path().replaceAll("\\?.*", "") + (got.sent().path().contains("?") ? "?…" : "");
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
		if (where.startsWith("/oauth2/revoke") && got.status() == 200 && got.body().isEmpty()) {
			return; // RFC 7009: 200 with no body
		}
		if (got.contentType() == null || !got.contentType().contains("json")) {
			violations.add(where + ": " + got.status() + " content type not JSON (" + got.contentType() + ")", got);
			return;
		}
		JsonNode body = Fuzz.parse(got.body());
		if (body == null || !body.isObject()) {
			violations.add(where + ": " + got.status() + " body not a JSON object", got);
			return;
		}
		if (got.status() >= 400 && !body.hasNonNull("error")) {
			violations.add(where + ": " + got.status() + " JSON without \"error\"", got);
		}
		if (got.status() == 200 && where.startsWith("/oauth2/token") && !body.hasNonNull("access_token")) {
			violations.add(where + ": 200 without access_token", got);
		}
		if (got.status() == 200 && where.startsWith("/oauth2/introspect") && !body.has("active")) {
			violations.add(where + ": 200 without active", got);
		}
	}

	// ------------------------------------------------------------------ request
	// generator

	private Got sendOne(String endpoint) {
		Hostile h = this.hostile;
		List<String[]> pairs = new ArrayList<>();
		if (endpoint.equals("/oauth2/token")) {
			if (h.chance(0.9)) {
				pairs.add(new String[] { "grant_type", h.chance(0.8) ? h.pick(GRANTS) : h.string() });
			}
		}
		else if (h.chance(0.85)) {
			pairs.add(new String[] { "token", tokenValue() });
			if (h.chance(0.4)) {
				pairs.add(new String[] { "token_type_hint",
						h.oneOf("access_token", "refresh_token", "id_token", "", h.string()) });
			}
		}
		int extra = h.nextInt(5);
		for (int i = 0; i < extra; i++) {
			String name = h.chance(0.85) ? h.pick(PARAMS) : h.string();
			pairs.add(new String[] { name, valueFor(name) });
		}
		if (h.chance(0.15) && !pairs.isEmpty()) { // repeated parameter
			String[] again = pairs.get(h.nextInt(pairs.size()));
			pairs.add(new String[] { again[0], h.chance(0.5) ? again[1] : valueFor(again[0]) });
		}
		if (h.chance(0.1)) {
			pairs.add(new String[] { h.string(), h.string() });
		}

		Map<String, String> headers = Fuzz.headers();
		String authorization = authorization();
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		else if (h.chance(0.7)) { // client_secret_post or public client
			pairs.add(new String[] { "client_id", h.chance(0.5) ? this.saId : valueFor("client_id") });
			if (h.chance(0.6)) {
				pairs.add(new String[] { "client_secret", h.chance(0.4) ? this.saSecret : valueFor("client_secret") });
			}
		}
		Collections.shuffle(pairs, h.random);
		String accept = h.oneOf("application/json", "application/json", "text/html", "*/*", null, "application/xml",
				"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		if (accept != null) {
			headers.put("Accept", accept);
		}
		String contentType = h.oneOf("application/x-www-form-urlencoded", "application/x-www-form-urlencoded",
				"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
				"application/x-www-form-urlencoded; charset=ISO-8859-1",
				"application/x-www-form-urlencoded; charset=garbage", "application/json", "text/plain",
				"application/xml", "multipart/form-data; boundary=XyZ", "multipart/form-data", null, "", "*/*",
				"application/x-www-form-urlencoded;;;");
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		byte[] body = body(pairs, contentType);
		String method = h.chance(0.97) ? "POST" : h.oneOf("PUT", "PATCH", "DELETE");
		String path = endpoint
				+ (h.chance(0.05) ? "?" + Fuzz.formBody(pairs.subList(0, Math.min(2, pairs.size()))) : "");
		return this.raw.send(method, path, headers, body);
	}

	private byte[] body(List<String[]> pairs, String contentType) {
		Hostile h = this.hostile;
		int mode = h.nextInt(20);
		if (contentType != null && contentType.startsWith("application/json") && mode < 10) {
			StringBuilder json = new StringBuilder("{");
			for (int i = 0; i < pairs.size(); i++) {
				json.append((i > 0) ? "," : "")
					.append(Fuzz.jsonString(pairs.get(i)[0]))
					.append(':')
					.append(h.chance(0.8) ? Fuzz.jsonString(pairs.get(i)[1]) : h.jsonValue(0));
			}
			return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
		}
		if (contentType != null && contentType.startsWith("multipart/form-data") && mode < 14) {
			StringBuilder multipart = new StringBuilder();
			for (String[] pair : pairs) {
				multipart.append("--XyZ\r\nContent-Disposition: form-data; name=\"")
					.append(pair[0])
					.append("\"\r\n\r\n")
					.append(pair[1])
					.append("\r\n");
			}
			return multipart.append(h.chance(0.8) ? "--XyZ--\r\n" : "").toString().getBytes(StandardCharsets.UTF_8);
		}
		return switch (mode) {
			case 0 -> null;
			case 1 -> new byte[0];
			case 2 -> { // raw invalid UTF-8 in a value
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.writeBytes(Fuzz.formBody(pairs).getBytes(StandardCharsets.UTF_8));
				out.writeBytes((pairs.isEmpty() ? "" : "&").getBytes(StandardCharsets.UTF_8));
				out.writeBytes(h.oneOf("client_id=", "grant_type=", "token=", "x").getBytes(StandardCharsets.UTF_8));
				out.writeBytes(h.invalidUtf8());
				yield out.toByteArray();
			}
			case 3 ->
				(Fuzz.formBody(pairs) + "&" + h.oneOf("grant_type=", "client_id=", "token=", "") + h.percentJunk())
					.getBytes(StandardCharsets.UTF_8);
			case 4 -> h.oneOf("&&&", "=", "==&=", "grant_type", "grant_type=client_credentials&&", "%", "a=%", "<xml/>",
					"{\"grant_type\":\"client_credentials\"}", "\u0000\u0000")
				.getBytes(StandardCharsets.UTF_8);
			case 5 -> ("grant_type=client_credentials&pad=" + "A".repeat(h.oneOf(70_000, 100_000, 200_000)))
				.getBytes(StandardCharsets.UTF_8);
			case 6 ->
				(Fuzz.formBody(pairs) + "&" + "a=1&".repeat(h.oneOf(1_000, 10_000))).getBytes(StandardCharsets.UTF_8);
			default -> Fuzz.formBody(pairs).getBytes(StandardCharsets.UTF_8);
		};
	}

	private String authorization() {
		Hostile h = this.hostile;
		return switch (h.nextInt(14)) {
			case 0, 1 -> basic(this.saId, this.saSecret);
			case 2 -> basic(this.saId, h.chance(0.5) ? "wrong" : h.string());
			case 3 -> basic(h.string(), h.string());
			case 4 -> basic("tessera-cli", h.chance(0.5) ? "" : h.string());
			case 5 -> "Basic " + h.oneOf("!!!", "", "====", "YQ", "Og==", "%%%", "dGVzc2VyYS1jbGk=", "a b c");
			case 6 -> "Basic " + Base64.getEncoder().encodeToString(h.invalidUtf8());
			case 7 -> h.oneOf("Basic", "Bearer " + h.pick(this.tokens), "Bearer garbage", "Digest username=\"x\"",
					"basic " + Base64.getEncoder().encodeToString((this.saId + ":" + this.saSecret).getBytes()),
					"Basic " + Base64.getEncoder().encodeToString("x".repeat(3000).getBytes()), "Negotiate YII=");
			default -> null;
		};
	}

	private static String basic(String user, String password) {
		String credentials = java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
				+ java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private String tokenValue() {
		Hostile h = this.hostile;
		return switch (h.nextInt(8)) {
			case 0, 1 -> h.pick(this.tokens);
			case 2 -> forged();
			case 3 -> h.pick(this.tokens) + h.oneOf("x", ".", "..", "=");
			case 4 -> "eyJ" + h.validName(40) + "." + h.validName(40) + "." + h.validName(40);
			default -> h.string();
		};
	}

	/**
	 * A JWT-looking value with a hostile header or payload (alg none, bad JSON, huge).
	 */
	private String forged() {
		Hostile h = this.hostile;
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = h.oneOf("{\"alg\":\"none\"}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}",
				"{\"alg\":\"ES256\",\"kid\":\"../../x\"}", "{", "null", "[]",
				"{\"alg\":\"ES256\",\"jku\":\"http://127.0.0.1:1/\"}", h.jsonValue(0));
		String payload = h.oneOf("{\"sub\":\"crn:iam:000000000000:root\",\"exp\":99999999999}", "{\"exp\":\"soon\"}",
				"{", h.jsonValue(0), "{\"iss\":" + Fuzz.jsonString(issuer()) + ",\"jti\":null}");
		String signature = h.chance(0.5) ? "" : h.validName(60);
		if (this.tokens.size() > 1 && h.chance(0.3)) { // a real header and signature with
														// a swapped payload
			String[] real = this.tokens.get(1).split("\\.");
			return real[0] + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + real[2];
		}
		return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
	}

	private String valueFor(String name) {
		Hostile h = this.hostile;
		if (h.chance(0.35)) {
			return h.string();
		}
		return switch (name) {
			case "grant_type" -> h.pick(GRANTS);
			case "client_id" ->
				h.oneOf(this.saId, "tessera-cli", "sa-" + h.validName(26), "TESSERA-CLI", this.saId.toUpperCase());
			case "client_secret" -> h.oneOf(this.saSecret, this.saSecret + "x", "", this.saSecret.substring(1));
			case "subject_token" ->
				h.oneOf(this.saId, "crn:iam:000000000000:service-account/" + this.saId, h.pick(this.tokens));
			case "subject_token_type", "actor_token_type",
					"requested_token_type" ->
				h.oneOf("urn:tessera:params:oauth:token-type:service_account",
						"urn:ietf:params:oauth:token-type:access_token", "urn:ietf:params:oauth:token-type:jwt",
						"urn:ietf:params:oauth:token-type:refresh_token", "x");
			case "actor_token", "token", "assertion", "client_assertion", "refresh_token" -> tokenValue();
			case "client_assertion_type" -> "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
			case "redirect_uri" -> h.oneOf("http://127.0.0.1:53682/callback", "http://evil.example/callback",
					"javascript:alert(1)", "http://[::1]:1/callback", "http://127.0.0.1:99999/callback");
			case "scope" -> h.oneOf("openid", "profile", "openid profile", "*", "admin");
			case "code", "device_code" -> h.validName(40);
			case "code_verifier" -> h.oneOf("a".repeat(43), "a".repeat(129), "short");
			default -> h.validName(12);
		};
	}

}
