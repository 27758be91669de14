package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.SocketHttp;
import org.tessera.vserver.StubIssuer.RunningVServer;
import org.tessera.vserver.servers.ServerPath;

/**
 * What one token holder can make vServer hold is bounded: request bodies of 16 KB,
 * declared or chunked (413), 100 servers per account (409), only account ids, 1 to 20
 * digits, in the path (404), and server ids of at most 64 characters (400); each refusal
 * is problem+json.
 */
class RequestLimitsTests {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static StubIssuer issuer;

	private static RunningVServer vServer;

	@BeforeAll
	static void start() throws Exception {
		issuer = StubIssuer.start();
		vServer = issuer.startVServer();
	}

	@AfterAll
	static void stop() {
		vServer.close();
		issuer.close();
	}

	@Test
	void aBodyDeclaredOver16KilobytesIs413() throws Exception {
		Http.Response response = http().post(servers("200000000001"), issuer.fullAccess("200000000001"),
				Map.of("name", "x".repeat(17_000)));

		assertProblem(response, 413);
	}

	@Test
	void aChunkedBodyIsRefusedOnce16KilobytesHaveArrivedEvenFromAnotherAccountsToken() throws Exception {
		String token = issuer.fullAccess("200000000002");
		String stranger = issuer.fullAccess("200000000003");

		HttpResponse<String> large = postChunked(servers("200000000002"), stranger, new byte[1024 * 1024]);
		assertThat(large.statusCode()).as(large.body()).isEqualTo(413);
		assertThat(large.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("application/problem+json"));

		byte[] small = "{\"name\":\"web-1\"}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> created = postChunked(servers("200000000002"), token, small);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void aLargeBodyIsRefusedWith413WhateverItsTransferEncodingHeaderSays() throws Exception {
		String token = issuer.fullAccess("200000000006");
		byte[] body = ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

		for (String encoding : new String[] { ",chunked", "chunked,", " , chunked", "CHUNKED" }) {
			Http.Response response = SocketHttp.sendChunked(http().base(), "POST", servers("200000000006"), encoding,
					body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
			assertProblem(response, 413);
		}
		Http.Response small = SocketHttp.sendChunked(http().base(), "POST", servers("200000000006"), ",chunked",
				"{\"name\":\"web-1\"}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token,
				"Content-Type", "application/json");
		assertThat(small.status()).as(small.toString()).isEqualTo(201);
	}

	@Test
	void anAccountHoldsAtMostAHundredServers() throws Exception {
		String token = issuer.fullAccess("200000000004");
		String lastId = null;
		for (int i = 0; i < 100; i++) {
			Http.Response created = http().post(servers("200000000004"), token, Map.of("name", "web-" + i));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			lastId = created.json().get("id").asString();
		}

		assertProblem(http().post(servers("200000000004"), token, Map.of("name", "one-too-many")), 409);
		assertThat(http().post(servers("200000000005"), issuer.fullAccess("200000000005"), Map.of("name", "web-0"))
			.status()).isEqualTo(201);
		assertThat(http().delete(servers("200000000004") + "/" + lastId, token).status()).isEqualTo(204);
		assertThat(http().post(servers("200000000004"), token, Map.of("name", "web-again")).status()).isEqualTo(201);
	}

	@Test
	void anAccountInThePathThatIsNotOneToTwentyDigitsIs404() throws Exception {
		String twentyDigits = "12345678901234567890";
		assertThat(http().get(servers(twentyDigits), issuer.fullAccess(twentyDigits)).status()).isEqualTo(200);

		for (String account : new String[] { "abc", "12345678901234567890" + "1", "20000000000x", "-1" }) {
			String token = issuer.fullAccess(account);
			assertProblem(http().get(servers(account), token), 404);
			assertProblem(http().post(servers(account), token, Map.of("name", "web-1")), 404);
			assertProblem(http().post(servers(account) + "/srv-0000000000000000/stop", token, ""), 404);
		}
	}

	@Test
	void aServerIdOfThirtyThousandCharactersIs400NamingTheIdAtOnceWhateverTheTokensDenyPatterns() throws Exception {
		String account = "200000000006";
		List<String> adversarial = new ArrayList<>();
		for (int i = 0; i < 47; i++) {
			adversarial.add("crn:vserver:" + account + ":server/*" + "a*".repeat(230) + "b" + i);
		}
		List<Map<String, Object>> perms = new ArrayList<>(AccessTokens.vServerFullAccess(account));
		perms.add(Map.of("effect", "Deny", "actions", List.of("vserver:*"), "resources", adversarial));
		String token = issuer.sign(issuer.claims()
			.subject("crn:iam:" + account + ":root")
			.claim("acct", account)
			.claim("perms", perms)
			.build());
		String longId = "a".repeat(30_000);
		assertThat(http().get(servers(account), token).status()).as("the token works").isEqualTo(200);

		long start = System.nanoTime();
		Http.Response get = http().get(servers(account) + "/" + longId, token);
		Http.Response stop = http().post(servers(account) + "/" + longId + "/stop", token, "");
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

		for (Http.Response response : List.of(get, stop)) {
			assertProblem(response, 400);
			assertThat(response.json().path("field").asString(null)).as(response.toString()).isEqualTo("id");
			assertThat(response.json().get("detail").asString()).hasSizeLessThan(200);
		}
		assertThat(elapsedMillis).as("two refusals, in ms").isLessThan(1_000);
		assertProblem(http().get(servers(account) + "/" + "a".repeat(ServerPath.MAX_ID_LENGTH), token), 404);
	}

	private static Http http() {
		return vServer.http();
	}

	private static String servers(String account) {
		return "/vserver/v1/accounts/" + account + "/servers";
	}

	private static void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).contains("application/problem+json");
	}

	/** POSTs a JSON body of no declared length, so that it travels chunked. */
	private static HttpResponse<String> postChunked(String path, String token, byte[] body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(http().base() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
