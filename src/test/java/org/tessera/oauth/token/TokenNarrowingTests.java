package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.vserver.VServerBesideTessera;

import tools.jackson.databind.JsonNode;

/**
 * Tokens narrowed at the token endpoint, and enforced offline: audience-bound tokens (RFC
 * 8707 {@code resource}, RFC 8693 {@code audience}), session policies that only take
 * permissions away, and chosen lifetimes. vServer's identifier is the default one,
 * {@code http://localhost:8081}, whatever port the test runs it on.
 */
class TokenNarrowingTests extends IntegrationTest {

	private static final String VSERVER = "http://localhost:8081";

	private static final String READ_ONLY = "{\"statements\":[{\"effect\":\"Allow\","
			+ "\"actions\":[\"vserver:List*\",\"vserver:Get*\"],\"resources\":[\"*\"]}]}";

	/** The second resource {@code IntegrationTest} configures. */
	private static final String OTHER = "https://reports.example.test/api";

	@RegisterExtension
	static final VServerBesideTessera vServer = new VServerBesideTessera(IntegrationTest::issuer);

	@RegisterExtension
	static final VServerBesideTessera ownAudienceOnly = new VServerBesideTessera(IntegrationTest::issuer,
			"--tessera.vserver.require-resource=true");

	private String account;

	private String root;

	private ServiceAccountCredentials sa;

	@BeforeEach
	void aServiceAccountWithFullVServerAccess() {
		this.account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(this.account);
		this.sa = this.tessera.createServiceAccount(this.account, this.root, "deployer", List.of(),
				List.of("vServerFullAccess", "IAMReadOnlyAccess"));
	}

	@Test
	void aTokenForVServerIsAcceptedThereAndRefusedByTheManagementApi() {
		String token = Tessera.accessToken(clientCredentials("resource=" + encode(VSERVER)));
		assertThat(audience(token)).containsExactly(VSERVER);

		assertThat(vServer.http().get(servers(), token).status()).isEqualTo(200);
		Http.Response atIam = this.tessera.http().get("/iam/v1/accounts/" + this.account + "/service-accounts", token);
		assertThat(atIam.status()).as(atIam.toString()).isEqualTo(401);
		assertThat(ownAudienceOnly.http().get(servers(), token).status()).isEqualTo(200);
		String other = Tessera.accessToken(clientCredentials("resource=" + encode(OTHER)));
		assertThat(vServer.http().get(servers(), other).status()).isEqualTo(401);
		String plain = Tessera.accessToken(clientCredentials(""));
		assertThat(audience(plain)).containsExactly("tessera");
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + this.account + "/service-accounts", plain).status())
			.isEqualTo(200);
		assertThat(vServer.http().get(servers(), plain).status()).isEqualTo(200);
		assertThat(ownAudienceOnly.http().get(servers(), plain).status()).isEqualTo(401);
	}

	@Test
	void unknownOrMalformedResourcesAreInvalidTarget() {
		for (String body : List.of("resource=" + encode("https://elsewhere.example/api"), "resource=relative/path",
				"resource=" + encode(VSERVER + "#fragment"))) {
			Http.Response refused = clientCredentials(body);
			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_target");
		}
		Http.Response audience = clientCredentials("audience=tessera");
		assertThat(audience.json().get("error").asString()).isEqualTo("invalid_request");
		JsonNode discovery = this.tessera.http().get("/.well-known/oauth-authorization-server", null).json();
		assertThat(discovery.get("tessera_resources_supported").toString()).contains(VSERVER);
	}

	@Test
	void anExchangedTokenCanNameTheSharedAudienceAndAResourceTogether() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		Http.Response exchanged = exchange(world.saOfB().id(), system1,
				"&resource=" + encode(VSERVER) + "&audience=tessera");
		String token = Tessera.accessToken(exchanged);
		assertThat(audience(token)).containsExactlyInAnyOrder("tessera", VSERVER);
		assertThat(vServer.http().get("/vserver/v1/accounts/" + world.accountB() + "/servers", token).status())
			.isEqualTo(200);
		Http.Response unknown = exchange(world.saOfB().id(), system1, "&audience=someone-else");
		assertThat(unknown.json().get("error").asString()).isEqualTo("invalid_target");
	}

	@Test
	void aSessionPolicyNarrowsWhatVServerAllowsAndTheManagementApiToo() {
		String narrowed = Tessera.accessToken(clientCredentials("policy=" + encode(READ_ONLY)));
		assertThat(Tessera.claims(narrowed).get("session_perms").toString()).contains("vserver:List*");
		assertThat(vServer.http().get(servers(), narrowed).status()).isEqualTo(200);
		Http.Response create = vServer.http().post(servers(), narrowed, Map.of("name", "web-1"));
		assertThat(create.status()).as(create.toString()).isEqualTo(403);
		assertThat(create.body()).contains("vserver:CreateServer");
		String full = Tessera.accessToken(clientCredentials(""));
		assertThat(vServer.http().post(servers(), full, Map.of("name", "web-1")).status()).isEqualTo(201);

		Http.Response iam = this.tessera.http().get("/iam/v1/accounts/" + this.account + "/service-accounts", narrowed);
		assertThat(iam.status()).isEqualTo(403);
	}

	@Test
	void aSessionPolicyNeverWidens() {
		ServiceAccountCredentials reader = this.tessera.createServiceAccount(this.account, this.root, "reader",
				List.of(), List.of("vServerReadOnlyAccess"));
		String everything = "{\"statements\":[{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]}]}";
		String token = Tessera.accessToken(this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials", "policy", everything), reader.id(),
					reader.secret()));
		assertThat(vServer.http().post(servers(), token, Map.of("name", "web-2")).status()).isEqualTo(403);
		String deny = "{\"statements\":[{\"effect\":\"Deny\",\"actions\":[\"vserver:ListServers\"],"
				+ "\"resources\":[\"*\"]},{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]}]}";
		String denied = Tessera.accessToken(clientCredentials("policy=" + encode(deny)));
		assertThat(vServer.http().get(servers(), denied).status()).isEqualTo(403);
	}

	@Test
	void badSessionPoliciesAreInvalidRequest() {
		for (String policy : List.of("not json", "[]", "{\"name\":\"x\"}",
				"{\"statements\":[{\"effect\":\"Maybe\",\"actions\":[\"a:b\"],\"resources\":[\"*\"]}]}")) {
			Http.Response refused = clientCredentials("policy=" + encode(policy));
			assertThat(refused.status()).as(policy).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_request");
			assertThat(refused.json().get("error_description").asString()).contains("policy");
		}
	}

	@Test
	void aRequestedLifetimeShortensTheTokenAndExpiresInSaysSo() {
		Http.Response answer = clientCredentials("requested_lifetime=60");
		String token = Tessera.accessToken(answer);
		JsonNode claims = Tessera.claims(token);
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(60);
		assertThat(answer.json().get("expires_in").asLong()).isBetween(58L, 60L);
		JsonNode longer = Tessera.claims(Tessera.accessToken(clientCredentials("requested_lifetime=7200")));
		assertThat(longer.get("exp").asLong() - longer.get("iat").asLong()).isEqualTo(3600);
		for (String bad : List.of("0", "-5", "abc", "43201", "1.5")) {
			Http.Response refused = clientCredentials("requested_lifetime=" + bad);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_request");
		}
	}

	@Test
	void anImpersonationCanBeNarrowedAndANarrowedActorCannotImpersonate() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		String narrowed = Tessera.accessToken(
				exchange(world.saOfB().id(), system1, "&policy=" + encode(READ_ONLY) + "&requested_lifetime=300"));
		String serversOfB = "/vserver/v1/accounts/" + world.accountB() + "/servers";
		assertThat(vServer.http().get(serversOfB, narrowed).status()).isEqualTo(200);
		assertThat(vServer.http().post(serversOfB, narrowed, Map.of("name", "x")).status()).isEqualTo(403);
		JsonNode claims = Tessera.claims(narrowed);
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);

		ServiceAccountCredentials robot = this.tessera.createServiceAccount(world.accountA(), world.rootA(), "Robot",
				List.of(), List.of("ImpersonateToRootUserAccountB"));
		String onlyVServer = "{\"statements\":[{\"effect\":\"Allow\",\"actions\":[\"vserver:*\"],"
				+ "\"resources\":[\"*\"]}]}";
		String robotNarrowed = Tessera.accessToken(this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials", "policy", onlyVServer), robot.id(),
					robot.secret()));
		String robotFull = this.tessera.serviceAccountToken(robot);
		assertThat(robotExchange(robot, world.saOfB().id(), robotFull).status()).isEqualTo(200);
		Http.Response refused = robotExchange(robot, world.saOfB().id(), robotNarrowed);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
	}

	private Http.Response robotExchange(ServiceAccountCredentials robot, String target, String actorToken) {
		return this.tessera.http()
			.form("/oauth2/token",
					Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token",
							target, "subject_token_type", "urn:tessera:params:oauth:token-type:service_account",
							"actor_token", actorToken, "actor_token_type",
							"urn:ietf:params:oauth:token-type:access_token"),
					robot.id(), robot.secret());
	}

	private Http.Response exchange(String target, String actorToken, String extra) {
		String body = "grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token="
				+ encode(target) + "&subject_token_type="
				+ encode("urn:tessera:params:oauth:token-type:service_account") + "&actor_token=" + encode(actorToken)
				+ "&actor_token_type=" + encode("urn:ietf:params:oauth:token-type:access_token")
				+ "&client_id=tessera-cli" + extra;
		return this.tessera.http()
			.exchange("POST", "/oauth2/token", body, "Content-Type", "application/x-www-form-urlencoded", "Accept",
					"application/json");
	}

	private Http.Response clientCredentials(String extra) {
		String body = "grant_type=client_credentials" + (extra.isEmpty() ? "" : "&" + extra);
		String basic = Base64.getEncoder()
			.encodeToString((this.sa.id() + ":" + this.sa.secret()).getBytes(StandardCharsets.UTF_8));
		return this.tessera.http()
			.exchange("POST", "/oauth2/token", body, "Content-Type", "application/x-www-form-urlencoded", "Accept",
					"application/json", "Authorization", "Basic " + basic);
	}

	private String servers() {
		return "/vserver/v1/accounts/" + this.account + "/servers";
	}

	/** {@code aud} as a list, whether the JWT holds one string or an array (RFC 7519). */
	private static List<String> audience(String token) {
		JsonNode aud = Tessera.claims(token).get("aud");
		return aud.isArray() ? aud.valueStream().map(JsonNode::asString).toList() : List.of(aud.asString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
