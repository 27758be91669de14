package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.SocketHttp;

/**
 * Whatever a client sends vServer, the answer is an {@code application/problem+json}
 * refusal below 500, never Tomcat's or Spring's HTML page or an empty body: paths the
 * firewall or Tomcat itself refuse, methods no endpoint takes, an Accept header that
 * rules JSON out, bodies that are not the JSON asked for, and a request for
 * {@code /error} itself.
 */
class VServerBadInputTests extends IntegrationTest {

	private static final String SERVERS = "/vserver/v1/accounts/123456789012/servers";

	@RegisterExtension
	static final VServerBesideTessera vServer = new VServerBesideTessera(IntegrationTest::issuer);

	private static final Http vServerHttp = vServer.http();

	@Test
	void pathsTheFirewallRefusesAreProblemsForJsonClientsAndBrowsersAlike() {
		for (String path : List.of("/vserver/v1/health;x", "/vserver/v1/%2e%2e/v1/health", "/vserver//v1/health",
				SERVERS + "/a%0Ab")) {
			for (String accept : List.of("application/json", "text/html")) {
				problem(vServerHttp.exchange("GET", path, null, "Accept", accept), 400);
			}
		}
	}

	@Test
	void aPathTomcatCannotDecodeIsAProblemNotTomcatsHtmlPage() {
		for (String accept : List.of("application/json", "text/html")) {
			problem(vServerHttp.exchange("GET", SERVERS + "/%E8", null, "Accept", accept), 400);
		}
	}

	@Test
	void anOversizedRequestLineOrHeaderIsAProblem() {
		String base = vServerHttp.base();
		problem(SocketHttp.send(base, "GET", "/vserver/v1/health?pad=" + "a".repeat(70_000), null), 400, 414);
		problem(SocketHttp.send(base, "GET", "/vserver/v1/health", null, "X-Pad", "a".repeat(70_000)), 400, 431);
	}

	@Test
	void anAcceptHeaderThatIsMalformedOrRulesJsonOutIsA406Problem() {
		for (String accept : List.of("x", "text/html", "application/xml;q=")) {
			problem(vServerHttp.exchange("GET", "/vserver/v1/health", null, "Accept", accept), 406);
		}
		assertThat(vServerHttp.exchange("GET", "/vserver/v1/health", null, "Accept", "text/html, */*").status())
			.isEqualTo(200);
	}

	@Test
	void methodsNoEndpointTakesAreRefusedInProblemJson() {
		for (String method : List.of("PATCH", "DELETE")) {
			Http.Response response = vServerHttp.exchange(method, "/vserver/v1/health", null);
			problem(response, 405);
			assertThat(response.header("Allow")).as(response.toString()).contains("GET");
		}
		Http.Response trace = vServerHttp.exchange("TRACE", "/vserver/v1/health", null, "Accept", "text/html");
		problem(trace, 405);
		assertThat(trace.header("Allow")).as(trace.toString()).isNotBlank();
		problem(vServerHttp.exchange("OPTIONS", SERVERS, null, "Accept", "text/html"), 401);
		Http.Response head = vServerHttp.exchange("HEAD", SERVERS, null, "Accept", "text/html");
		assertThat(head.status()).as(head.toString()).isEqualTo(401);
		assertThat(head.contentType()).as(head.toString()).startsWith("application/problem+json");
	}

	@Test
	void bodiesThatAreNotTheJsonAskedForAreRefusedInProblemJson() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String servers = "/vserver/v1/accounts/" + account + "/servers";
		for (String[] typeAndBody : List.of(new String[] { "application/json", "{" },
				new String[] { "application/json", "[]" }, new String[] { "text/plain", "name=web-1" },
				new String[] { "application/xml", "<name>web-1</name>" })) {
			problem(vServerHttp.exchange("POST", servers, typeAndBody[1], "Authorization", "Bearer " + root,
					"Content-Type", typeAndBody[0], "Accept", "application/json"), 400, 415);
		}
		problem(vServerHttp.exchange("POST", servers, "name=web-1", "Authorization", "Bearer " + root, "Content-Type",
				"application/x-www-form-urlencoded", "Accept", "text/html"), 406);
	}

	@Test
	void requestingTheErrorPathItselfIsNotFound() {
		problem(vServerHttp.exchange("GET", "/error", null, "Accept", "application/json"), 404);
		problem(vServerHttp.exchange("GET", "/error", null, "Accept", "text/html"), 404, 406);
	}

	private static void problem(Http.Response response, Integer... statuses) {
		assertThat(response.status()).as(response.toString()).isIn((Object[]) statuses);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString("")).as(response.toString()).isNotBlank();
	}

}
