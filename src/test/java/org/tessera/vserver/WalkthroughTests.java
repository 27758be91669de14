package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * SPEC section 8 end to end over HTTP: the authorization server and vServer run side by
 * side, vServer knowing only the issuer's address. Account A's user System1 impersonates
 * B's service account and stops a server of B.
 */
class WalkthroughTests extends IntegrationTest {

	@RegisterExtension
	static final VServerBesideTessera vServer = new VServerBesideTessera(IntegrationTest::issuer);

	private static final Http vServerHttp = vServer.http();

	private String accountA;

	private String accountB;

	private String rootA;

	private String rootB;

	private ServiceAccountCredentials saOfB;

	private String serverOfB;

	private String otherServerOfB;

	private String serverOfA;

	@BeforeEach
	void theWalkthroughWorld() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		this.accountA = world.accountA();
		this.accountB = world.accountB();
		this.rootA = world.rootA();
		this.rootB = world.rootB();
		this.saOfB = world.saOfB();
		this.serverOfB = createServer(this.accountB, this.rootB, "web-1");
		this.otherServerOfB = createServer(this.accountB, this.rootB, "web-2");
		this.serverOfA = createServer(this.accountA, this.rootA, "db-1");
	}

	@Test
	void system1ImpersonatesTheServiceAccountOfBAndStopsAServerOfB() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		String asB = token(exchangeAsPerson(this.saOfB.id(), system1));
		assertThat(Tessera.claims(asB).get("act").get("sub").asString())
			.isEqualTo("crn:iam:" + this.accountA + ":user/System1");

		Http.Response stop = vServerHttp.post(server(this.accountB, this.serverOfB) + "/stop", asB, "");

		assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
		assertThat(stop.json().get("state").asString()).isEqualTo("STOPPED");
		assertThat(state(this.accountB, this.serverOfB, asB)).isEqualTo("STOPPED");
		assertThat(state(this.accountB, this.serverOfB, this.rootB)).isEqualTo("STOPPED");
		assertThat(state(this.accountB, this.otherServerOfB, asB)).isEqualTo("RUNNING");
		assertThat(state(this.accountA, this.serverOfA, this.rootA)).isEqualTo("RUNNING");
	}

	@Test
	void stoppingAStoppedServerIsAConflictAndStartingItAgainWorks() {
		String asB = token(
				exchangeAsPerson(this.saOfB.id(), this.tessera.login(this.accountA, "System1", Tessera.PASSWORD)));
		String path = server(this.accountB, this.serverOfB);
		assertThat(vServerHttp.post(path + "/stop", asB, "").status()).isEqualTo(200);

		Http.Response again = vServerHttp.post(path + "/stop", asB, "");

		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(vServerHttp.post(path + "/start", asB, "").status()).isEqualTo(200);
		assertThat(vServerHttp.post(path + "/start", asB, "").status()).isEqualTo(409);
	}

	@Test
	void theImpersonatedTokenCannotTouchTheServersOfAccountA() {
		String asB = token(
				exchangeAsPerson(this.saOfB.id(), this.tessera.login(this.accountA, "System1", Tessera.PASSWORD)));

		Http.Response stop = vServerHttp.post(server(this.accountA, this.serverOfA) + "/stop", asB, "");

		assertForbidden(stop, "vserver:StopServer", "crn:vserver:" + this.accountA + ":server/" + this.serverOfA);
		assertForbidden(vServerHttp.get(servers(this.accountA), asB), "vserver:ListServers",
				"crn:vserver:" + this.accountA + ":server/*");
		assertThat(state(this.accountA, this.serverOfA, this.rootA)).isEqualTo("RUNNING");
	}

	@Test
	void anotherUserOfAWithoutThePolicyCannotImpersonateNorTouchTheServersOfB() {
		this.tessera.createUser(this.accountA, this.rootA, "Other");
		String other = this.tessera.login(this.accountA, "Other", Tessera.PASSWORD);

		Http.Response exchange = exchangeAsPerson(this.saOfB.id(), other);

		assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
		assertThat(exchange.json().get("error").asString()).isEqualTo("invalid_request");
		assertForbidden(vServerHttp.post(server(this.accountB, this.serverOfB) + "/stop", other, ""),
				"vserver:StopServer", "crn:vserver:" + this.accountB + ":server/" + this.serverOfB);
		assertThat(state(this.accountB, this.serverOfB, this.rootB)).isEqualTo("RUNNING");
	}

	@Test
	void system1sOwnTokenCannotTouchTheServersOfB() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);

		assertForbidden(vServerHttp.post(server(this.accountB, this.serverOfB) + "/stop", system1, ""),
				"vserver:StopServer", "crn:vserver:" + this.accountB + ":server/" + this.serverOfB);
		assertForbidden(vServerHttp.get(servers(this.accountB), system1), "vserver:ListServers",
				"crn:vserver:" + this.accountB + ":server/*");
		// nor its own account's servers: System1 has no vServer rights at all
		assertForbidden(vServerHttp.get(servers(this.accountA), system1), "vserver:ListServers",
				"crn:vserver:" + this.accountA + ":server/*");
	}

	@Test
	void authorizationComesBeforeNotFoundAndBadRequests() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);

		assertThat(vServerHttp.get(server(this.accountB, "srv-unknown"), system1).status()).isEqualTo(403);
		assertThat(vServerHttp.post(servers(this.accountB), system1, Map.of("bogus", 1)).status()).isEqualTo(403);
		assertThat(vServerHttp.get(server(this.accountB, "srv-unknown"), this.rootB).status()).isEqualTo(404);
	}

	@Test
	void aServerIdIsDecodedBeforeItIsAuthorizedAndLookedUpAndAStarIsNoWildcard() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		String encoded = "%73" + this.serverOfB.substring(1);

		assertForbidden(vServerHttp.get(server(this.accountB, "srv-%41bc"), system1), "vserver:GetServer",
				"crn:vserver:" + this.accountB + ":server/srv-Abc");
		Http.Response found = vServerHttp.get(server(this.accountB, encoded), this.rootB);
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		assertThat(found.json().get("id").asString()).isEqualTo(this.serverOfB);
		for (String star : List.of("*", "%2A")) {
			Http.Response notAServer = vServerHttp.get(server(this.accountB, star), this.rootB);
			assertThat(notAServer.status()).as(notAServer.toString()).isEqualTo(404);
		}
	}

	@Test
	void aRootUserManagesTheServersOfItsAccount() {
		Http.Response list = vServerHttp.get(servers(this.accountB), this.rootB);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("items").toString()).contains(this.serverOfB, this.otherServerOfB)
			.doesNotContain(this.serverOfA);

		Http.Response unknownField = vServerHttp.post(servers(this.accountB), this.rootB,
				Map.of("name", "x", "size", "large"));
		Http.Response noName = vServerHttp.post(servers(this.accountB), this.rootB, Map.of());
		Http.Response longName = vServerHttp.post(servers(this.accountB), this.rootB, Map.of("name", "n".repeat(65)));
		Http.Response controlChars = vServerHttp.post(servers(this.accountB), this.rootB, Map.of("name", "a\nb"));
		Http.Response notJson = vServerHttp.postRaw(servers(this.accountB), this.rootB, "application/json", "{");
		for (Http.Response bad : List.of(unknownField, noName, longName, controlChars, notJson)) {
			assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
			assertThat(bad.contentType()).startsWith("application/problem+json");
		}

		assertThat(vServerHttp.delete(server(this.accountB, this.otherServerOfB), this.rootB).status()).isEqualTo(204);
		assertThat(vServerHttp.get(server(this.accountB, this.otherServerOfB), this.rootB).status()).isEqualTo(404);
		assertThat(vServerHttp.delete(server(this.accountB, this.otherServerOfB), this.rootB).status()).isEqualTo(404);
	}

	@Test
	void aRequestWithoutATokenGetsABearerInvalidTokenChallenge() {
		Http.Response response = vServerHttp.get(servers(this.accountB), null);

		assertUnauthorized(response);
	}

	@Test
	void garbageTamperedForeignAndUntypedTokensAreUnauthorized() {
		String asB = token(
				exchangeAsPerson(this.saOfB.id(), this.tessera.login(this.accountA, "System1", Tessera.PASSWORD)));
		String path = server(this.accountB, this.serverOfB) + "/stop";

		assertUnauthorized(vServerHttp.post(path, "garbage", ""));
		assertUnauthorized(vServerHttp.post(path, "a.b.c", ""));
		assertUnauthorized(vServerHttp.post(path, tampered(asB), ""));
		assertUnauthorized(vServerHttp.post(path, resign(asB, 0, "at+jwt"), ""));
		assertUnauthorized(vServerHttp.post(path, resign(asB, -7200, "at+jwt"), ""));
		assertUnauthorized(vServerHttp.post(path, resign(asB, 0, "JWT"), ""));
		assertThat(state(this.accountB, this.serverOfB, this.rootB)).isEqualTo("RUNNING");
	}

	@Test
	void vServerRunsWithoutTheAuthorizationServersDatabaseOrEndpoints() {
		assertThat(vServer.context().getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
		assertThat(vServerHttp.get("/oauth2/jwks", this.rootB).status()).isEqualTo(404);
		assertThat(vServerHttp.get("/.well-known/oauth-authorization-server", this.rootB).status()).isEqualTo(404);
		assertThat(vServerHttp.get("/iam/v1/managed-policies", this.rootB).status()).isEqualTo(404);
	}

	@Test
	void theHealthEndpointNeedsNoToken() {
		Http.Response health = vServerHttp.get("/vserver/v1/health", null);

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	private String createServer(String account, String token, String name) {
		Http.Response response = vServerHttp.post(servers(account), token, Map.of("name", name));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode server = response.json();
		assertThat(server.get("state").asString()).isEqualTo("RUNNING");
		assertThat(server.get("name").asString()).isEqualTo(name);
		assertThat(server.get("id").asString()).startsWith("srv-");
		assertThat(server.get("account").asString()).isEqualTo(account);
		assertThat(server.get("createdAt").isString()).as(server.toString()).isTrue();
		return server.get("id").asString();
	}

	private static String servers(String account) {
		return "/vserver/v1/accounts/" + account + "/servers";
	}

	private static String server(String account, String id) {
		return servers(account) + "/" + id;
	}

	private static String state(String account, String id, String token) {
		Http.Response response = vServerHttp.get(server(account, id), token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("state").asString();
	}

	private static void assertForbidden(Http.Response response, String action, String resource) {
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("action").asString()).isEqualTo(action);
		assertThat(problem.get("resource").asString()).isEqualTo(resource);
		assertThat(problem.get("detail").asString()).contains(action, resource);
	}

	private static void assertUnauthorized(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
		assertThat(response.contentType().replace(" ", ""))
			.isEqualToIgnoringCase("application/problem+json;charset=UTF-8");
	}

	private Http.Response exchangeAsPerson(String target, String actorToken) {
		return this.tessera.impersonate(target, actorToken);
	}

	private static String token(Http.Response response) {
		return Tessera.accessToken(response);
	}

	/** The same token with its account claim changed and the old signature kept. */
	private String tampered(String jwt) {
		String[] parts = jwt.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"acct\":\"" + this.accountB + "\"", "\"acct\":\"" + this.accountA + "\"");
		assertThat(payload).contains("\"acct\":\"" + this.accountA + "\"");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	/**
	 * The same claims, shifted in time, signed by a key the issuer never had under the
	 * same key id.
	 */
	private static String resign(String jwt, long shiftSeconds, String type) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(Tessera.header(jwt).get("kid").asString()).generate();
			JWTClaimsSet claims = JWTClaimsSet.parse(Tessera.claims(jwt).toString());
			JWTClaimsSet shifted = new JWTClaimsSet.Builder(claims)
				.expirationTime(new Date(claims.getExpirationTime().getTime() + shiftSeconds * 1000))
				.build();
			SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type))
				.keyID(key.getKeyID())
				.build(), shifted);
			signed.sign(new ECDSASigner(key));
			return signed.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
