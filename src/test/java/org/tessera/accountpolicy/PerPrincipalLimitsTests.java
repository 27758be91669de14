package org.tessera.accountpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * No principal can be given more statements than a token may carry (32 KB of JSON, 1,000
 * patterns): attaching a policy, creating a service account with policies, or changing an
 * attached policy past a limit is refused, naming the limit, and the principal keeps
 * getting tokens.
 */
class PerPrincipalLimitsTests extends IntegrationTest {

	@Test
	void attachingPastTheTokenSizeIsRefusedAndTheServiceAccountStillGetsTokens() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		createWide(account, root, "WideA");
		createWide(account, root, "WideB");
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "wide", List.of(),
				List.of("WideA"));

		Http.Response attach = http().put(saPath(account, sa) + "/policies/WideB", root, "");

		JsonNode refusal = problem(attach, 409);
		assertThat(refusal.get("detail").asString()).contains("WideB", sa.crn(), "bytes in a token, more than 32768");
		assertThat(this.tessera.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);
		assertThat(http().get(saPath(account, sa), root).json().get("policies").toString()).isEqualTo("[\"WideA\"]");
	}

	@Test
	void creatingAServiceAccountWhosePoliciesOverfillATokenIs400NamingThePolicies() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		createWide(account, root, "WideA");
		createWide(account, root, "WideB");

		Http.Response create = http().post("/iam/v1/accounts/" + account + "/service-accounts", root,
				Map.of("name", "too-wide", "policies", List.of("WideA", "WideB")));

		JsonNode refusal = problem(create, 400);
		assertThat(refusal.get("field").asString()).isEqualTo("policies");
		assertThat(refusal.get("detail").asString()).contains("more than 32768");
		assertThat(http().get("/iam/v1/accounts/" + account + "/service-accounts", root).json().get("items")).isEmpty();
	}

	@Test
	void updatingAnAttachedPolicyPastTheTokenSizeIsRefusedAndThePolicyStaysAsItWas() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		createWide(account, root, "WideA");
		this.tessera.createPolicy(account, root, "Small", "Allow", List.of("vserver:GetServer"), List.of("*"));
		this.tessera.createUser(account, root, "holder");
		this.tessera.attachToUser(account, root, "holder", "WideA");
		this.tessera.attachToUser(account, root, "holder", "Small");

		Http.Response update = http().put("/iam/v1/accounts/" + account + "/policies/Small", root,
				Map.of("name", "Small", "statements", List.of(wideStatement(account, "Small"))));

		JsonNode refusal = problem(update, 409);
		assertThat(refusal.get("detail").asString()).contains("crn:iam:" + account + ":user/holder",
				"bytes in a token, more than 32768");
		assertThat(
				http().get("/iam/v1/accounts/" + account + "/policies/Small", root).json().get("statements").toString())
			.doesNotContain("xxxx");
		this.tessera.createPolicy(account, root, "Unattached", "Allow", List.of("vserver:GetServer"), List.of("*"));
		assertThat(http()
			.put("/iam/v1/accounts/" + account + "/policies/Unattached", root,
					Map.of("name", "Unattached", "statements", List.of(wideStatement(account, "U"))))
			.status()).isEqualTo(200);
		assertThat(this.tessera.login(account, "holder", org.tessera.support.Tessera.PASSWORD)).isNotBlank();
	}

	@Test
	void attachingPastAThousandPatternsIsRefused() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		for (String name : List.of("Many1", "Many2", "Many3")) {
			List<Map<String, Object>> statements = Collections.nCopies(5, Map.of("effect", "Allow", "actions",
					Collections.nCopies(50, "a:b"), "resources", Collections.nCopies(50, "crn:1")));
			Http.Response created = http().post("/iam/v1/accounts/" + account + "/policies", root,
					Map.of("name", name, "statements", statements));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
		this.tessera.createUser(account, root, "busy");
		this.tessera.attachToUser(account, root, "busy", "Many1");
		this.tessera.attachToUser(account, root, "busy", "Many2");

		Http.Response third = http().put("/iam/v1/accounts/" + account + "/users/busy/policies/Many3", root, "");

		assertThat(problem(third, 409).get("detail").asString()).contains("1500 action and resource patterns",
				"more than 1000");
	}

	private Http http() {
		return this.tessera.http();
	}

	private static String saPath(String account, ServiceAccountCredentials sa) {
		return "/iam/v1/accounts/" + account + "/service-accounts/" + sa.id();
	}

	/** A policy of about 22 KB in a token: two of them overfill it. */
	private void createWide(String account, String root, String name) {
		Http.Response created = http().post("/iam/v1/accounts/" + account + "/policies", root,
				Map.of("name", name, "statements", List.of(wideStatement(account, name))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private static Map<String, Object> wideStatement(String account, String name) {
		List<String> servers = IntStream.range(0, 50)
			.mapToObj((i) -> "crn:vserver:" + account + ":server/" + name + "-" + i + "-" + "x".repeat(380))
			.toList();
		return Map.of("effect", "Allow", "actions", List.of("vserver:GetServer"), "resources", servers);
	}

	private static JsonNode problem(Http.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		return response.json();
	}

}
