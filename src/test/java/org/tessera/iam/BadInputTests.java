package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.badRequest;
import static org.tessera.iam.Iam.path;
import static org.tessera.iam.Iam.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

import tools.jackson.databind.JsonNode;

/**
 * Whatever a client sends, the answer is an RFC 9457 problem naming what to fix, never a
 * 5xx, and a refused request changes nothing.
 */
class BadInputTests extends IntegrationTest {

	private Http http() {
		return this.tessera.http();
	}

	@Test
	void signingUpWithATakenEmailInAnyCaseIsAConflict() {
		String email = "Taken-" + UUID.randomUUID() + "@Example.test";
		Http.Response first = http().post("/iam/v1/accounts", null,
				Map.of("email", email, "password", Tessera.PASSWORD));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		String account = first.json().get("id").asString();

		for (String again : List.of(email, email.toLowerCase(), email.toUpperCase())) {
			Iam.problem(http().post("/iam/v1/accounts", null, Map.of("email", again, "password", "another password")),
					409);
		}

		assertThat(this.tessera.authorizationCode(email.toLowerCase(), "", "another password"))
			.as("the refused sign-up did not replace the password")
			.isNull();
		assertThat(Tessera.claims(this.tessera.loginRoot(email)).get("acct").asString())
			.as("the e-mail still names the first account")
			.isEqualTo(account);
	}

	@Test
	void signUpNamesTheBadEmailOrPassword() {
		String growsWhenLowerCased = "\u0130".repeat(64) + "@" + "\u0130".repeat(180) + ".test";
		for (String email : List.of("not-an-email", "", "two@@example.test", "a b@example.test", "tab\t@example.test",
				growsWhenLowerCased)) {
			badRequest(http().post("/iam/v1/accounts", null, Map.of("email", email, "password", Tessera.PASSWORD)),
					"email");
		}
		badRequest(http().post("/iam/v1/accounts", null, Map.of("password", Tessera.PASSWORD)), "email");
		String email = "short-" + UUID.randomUUID() + "@example.test";
		badRequest(http().post("/iam/v1/accounts", null, Map.of("email", email, "password", "q7#Lm2v")), "password");
		badRequest(http().post("/iam/v1/accounts", null, Map.of("email", email, "password", "x".repeat(129))),
				"password");
		badRequest(http().post("/iam/v1/accounts", null, Map.of("email", email)), "password");

		Http.Response nowFine = http().post("/iam/v1/accounts", null, Map.of("email", email, "password", "q7#Lm2vZ"));
		assertThat(nowFine.status()).as("the refusals did not take the e-mail: " + nowFine).isEqualTo(201);
	}

	@Test
	void unknownFieldsWrongTypesAndMalformedJsonAreRefused() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String users = path(account, "/users");

		JsonNode unknown = badRequest(
				http().post(users, root, Map.of("name", "eve", "password", Tessera.PASSWORD, "isAdmin", true)),
				"isAdmin");
		Iam.badRequest(http().post(path(account, "/policies"), root, Map.of("name", "P", "owner", "me", "statements",
				List.of(statement("Allow", List.of("*"), List.of("*"))))), "owner");
		Iam.badRequest(http().post(path(account, "/service-accounts"), root, Map.of("name", "s", "secret", "mine")),
				"secret");
		badRequest(http().post(users, root, "{\"name\": 5, \"password\": \"" + Tessera.PASSWORD + "\"}"), "name");
		badRequest(http().post(users, root, "{\"name\": \"eve\", \"password\": true}"), "password");
		badRequest(http().post("/iam/v1/accounts", null,
				"{\"email\": [\"a@b.c\"], \"password\": \"" + Tessera.PASSWORD + "\"}"), "email");
		badRequest(http().post(path(account, "/policies"), root, "{\"name\": 5, \"statements\": []}"), "name");
		badRequest(
				http().post(path(account, "/service-accounts"), root, "{\"name\": \"s\", \"trustedAccounts\": \"1\"}"),
				"trustedAccounts");
		for (String malformed : List.of("{\"name\": \"eve\", ", "{name: eve}", "not json", "[]", "\"eve\"",
				"{\"name\":\"eve\",\"password\":\"" + Tessera.PASSWORD + "\"} trailing")) {
			Iam.problem(http().post(users, root, malformed), 400);
			Iam.problem(http().post(path(account, "/policies"), root, malformed), 400);
		}
		Iam.problem(http().post(users, root, ""), 400);

		assertThat(unknown.get("detail").asString()).contains("isAdmin");
		assertThat(Iam.names(http(), users, root, "name")).isEmpty();
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name")).isEmpty();
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "id")).isEmpty();
	}

	@Test
	void aBodyOver64KilobytesIsRefusedWith413() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String huge = "x".repeat(70 * 1024);

		Http.Response policy = http().post(path(account, "/policies"), root, Map.of("name", "Huge", "description", huge,
				"statements", List.of(statement("Allow", List.of("*"), List.of("*")))));
		Http.Response signUp = http().post("/iam/v1/accounts", null, Map.of("email",
				"huge-" + UUID.randomUUID() + "@example.test", "password", Tessera.PASSWORD, "pad", huge));

		Iam.problem(policy, 413);
		Iam.problem(signUp, 413);
		assertThat(Iam.names(http(), path(account, "/policies"), root, "name")).isEmpty();
	}

	/**
	 * A client that writes its whole body before reading (as HTTP/1.1 clients without
	 * {@code Expect: 100-continue} do) must not have the connection reset under it. The
	 * small send buffer keeps the client writing while the server has already answered.
	 */
	@Test
	void aClientSendingAnOversizedBodyReadsIts413RatherThanAConnectionReset() throws IOException {
		URI base = URI.create(issuer());
		for (String path : List.of("/oauth2/token", "/iam/v1/accounts")) {
			for (int size : List.of(70 * 1024, 200 * 1024, 1024 * 1024)) {
				try (Socket socket = new Socket()) {
					socket.setSendBufferSize(16 * 1024);
					socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
					OutputStream out = socket.getOutputStream();
					out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
							+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + size
							+ "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					byte[] chunk = new byte[8192];
					Arrays.fill(chunk, (byte) 'A');
					for (int sent = 0; sent < size; sent += chunk.length) {
						out.write(chunk, 0, Math.min(chunk.length, size - sent));
					}
					out.flush();
					String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

					assertThat(answer).as("%s, %d bytes", path, size).startsWith("HTTP/1.1 413");
				}
			}
		}
	}

	@Test
	void aUserNameWithAControlCharacterOrASpaceIsRefusedNamingTheField() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		for (String name : List.of("a\u0001b", "line\nbreak", "two words", " lead", "", "x".repeat(65), "slash/name",
				"caf\u00e9")) {
			badRequest(http().post(path(account, "/users"), root, Map.of("name", name, "password", Tessera.PASSWORD)),
					"name");
			badRequest(http().post(path(account, "/service-accounts"), root, Map.of("name", name)), "name");
		}
		for (String dots : List.of(".", "..", "...")) {
			badRequest(http().post(path(account, "/users"), root, Map.of("name", dots, "password", Tessera.PASSWORD)),
					"name");
		}
		badRequest(http().post(path(account, "/users"), root, Map.of("password", Tessera.PASSWORD)), "name");
		badRequest(http().post(path(account, "/users"), root, Map.of("name", "okname", "password", "short")),
				"password");

		assertThat(Iam.names(http(), path(account, "/users"), root, "name")).isEmpty();
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "id")).isEmpty();
	}

	@Test
	void aPolicyDocumentWithALowerCaseEffectOrNoStatementsIsRefusedNamingTheField() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String policies = path(account, "/policies");
		this.tessera.createPolicy(account, root, "Kept", "Allow", List.of("vserver:GetServer"), List.of("*"));

		badRequest(
				http().post(policies, root,
						Map.of("name", "Lower", "statements", List.of(statement("allow", List.of("*"), List.of("*"))))),
				"statements[0].effect");
		badRequest(http().post(policies, root, Map.of("name", "Missing")), "statements");
		badRequest(http().post(policies, root, Map.of("name", "Empty", "statements", List.of())), "statements");
		badRequest(
				http().post(policies, root,
						Map.of("name", "BadAction", "statements",
								List.of(statement("Allow", List.of("*"), List.of("*")),
										statement("Deny", List.of("no colon"), List.of("*"))))),
				"statements[1].actions[0]");
		for (String name : List.of("has space", ".", "..")) {
			badRequest(http().post(policies, root,
					Map.of("name", name, "statements", List.of(statement("Allow", List.of("*"), List.of("*"))))),
					"name");
		}
		badRequest(
				http().put(policies + "/Kept", root,
						Map.of("name", "Kept", "statements", List.of(statement("ALLOW", List.of("*"), List.of("*"))))),
				"statements[0].effect");

		assertThat(Iam.names(http(), policies, root, "name")).containsExactly("Kept");
		assertThat(http().get(policies + "/Kept", root).json().get("statements").toString())
			.as("the refused update left the document alone")
			.isEqualTo("[{\"effect\":\"Allow\",\"actions\":[\"vserver:GetServer\"],\"resources\":[\"*\"]}]");
	}

	@Test
	void aPageSizeOutOfRangeOrNotANumberIsRefused() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String sa = this.tessera.createServiceAccount(account, root, "paged", List.of(), List.of()).id();

		for (String list : List.of("/users", "/policies", "/service-accounts", "/service-accounts/" + sa + "/secrets",
				"/service-accounts/" + sa + "/keys")) {
			for (String size : List.of("0", "-1", "1001", "abc", "1.5", "99999999999")) {
				badRequest(http().get(path(account, list + "?pageSize=" + size), root), "pageSize");
			}
			assertThat(http().get(path(account, list + "?pageSize=1000"), root).status()).isEqualTo(200);
			assertThat(http().get(path(account, list + "?pageSize=1"), root).status()).isEqualTo(200);
		}
	}

	@Test
	void aNameNoObjectCanHaveInAPathIsNotFoundNotAServerError() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		for (String rest : List.of("/users/a%20b", "/users/a%09b", "/service-accounts/a%20b", "/policies/a%20b",
				"/policies/a%20b/attachments", "/users/" + "x".repeat(300), "/service-accounts/sa-doesnotexist",
				"/users/nobody", "/policies/Nothing")) {
			Iam.problem(http().get(path(account, rest), root), 404);
		}
		Iam.problem(http().delete(path(account, "/users/a%20b"), root), 404);
		Iam.problem(http().put(path(account, "/users/a%20b/policies/IAMFullAccess"), root, ""), 404);
		Iam.problem(http().get("/iam/v1/accounts/not-digits/users", root), 404);
	}

	@Test
	void aPathTheHttpFirewallRefusesIsStillAProblemAnswer() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		for (String rest : List.of("/users/a%0Ab", "/users/a%25b", "/users/a;b", "/users/%2e%2e")) {
			Http.Response response = http().get(path(account, rest), root);

			assertThat(response.status()).as(rest + " -> " + response).isIn(400, 404);
			assertThat(response.contentType()).as(rest + " -> " + response).startsWith("application/problem+json");
		}
	}

	@Test
	void requestingTheErrorPathItselfIsNotFound() {
		for (String accept : List.of("application/json", "text/html")) {
			Iam.problem(http().exchange("GET", "/error", null, "Accept", accept), 404);
		}
	}

	@Test
	void anAcceptHeaderThatIsMalformedOrRulesJsonOutNeverGetsAnEmptyAnswerOutsideTheManagementApi() {
		for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
				"/oauth2/jwks")) {
			for (String accept : List.of("x", "text/html", "application/xml;q=")) {
				Http.Response response = http().exchange("GET", path, null, "Accept", accept);

				assertThat(response.status()).as(path + " -> " + response).isIn(200, 406);
				assertThat(response.contentType()).as(path + " -> " + response).contains("json");
				assertThat(response.json().isObject()).as(path + " -> " + response).isTrue();
			}
		}
		Http.Response token = http().exchange("POST", "/oauth2/token", "grant_type=client_credentials", "Accept", "x",
				"Content-Type", "application/x-www-form-urlencoded");
		assertThat(token.status()).as(token.toString()).isBetween(400, 401);
		assertThat(token.json().path("error").asString("")).as(token.toString()).isNotBlank();
	}

	@Test
	void attachingAPolicyThatDoesNotExistOrToNobodyChangesNothing() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "frank");

		Iam.problem(http().put(path(account, "/users/frank/policies/NoSuchPolicy"), root, ""), 404);
		Iam.problem(http().put(path(account, "/users/ghost/policies/IAMFullAccess"), root, ""), 404);

		assertThat(Iam.strings(http().get(path(account, "/users/frank"), root).json().get("policies"))).isEmpty();
		assertThat(http().get(path(account, "/policies/IAMFullAccess/attachments"), root).json().get("items"))
			.isEmpty();
	}

}
