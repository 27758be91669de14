package org.tessera.oauth.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

import tools.jackson.databind.JsonNode;

/**
 * Trust with conditions: an external id the caller must present, the principals of the
 * trusted account it admits, and the longest session made through it. Every unmet
 * condition is the same refusal as any other; the real reason is in the target account's
 * audit only.
 */
class TrustConditionTests extends IntegrationTest {

	private Tessera.Walkthrough world;

	private String saPath;

	private String system1;

	@BeforeEach
	void theWalkthroughWorld() {
		this.world = this.tessera.walkthrough();
		this.saPath = "/iam/v1/accounts/" + this.world.accountB() + "/service-accounts/" + this.world.saOfB().id();
		this.system1 = this.tessera.login(this.world.accountA(), "System1", Tessera.PASSWORD);
	}

	@Test
	void anUnmetExternalIdIsRefusedExactlyAsAnUntrustedAccountIs() {
		setTrust(List.of(Map.of("account", this.world.accountA(), "externalId", "Tessera-7f3a")));
		Http.Response without = exchange(Map.of());
		Http.Response wrong = exchange(Map.of("external_id", "Tessera-0000"));
		setTrust(List.of());
		Http.Response untrusted = exchange(Map.of("external_id", "Tessera-7f3a"));
		assertThat(without.status()).isEqualTo(400);
		assertThat(without.body()).isEqualTo(untrusted.body()).isEqualTo(wrong.body());

		setTrust(List.of(Map.of("account", this.world.accountA(), "externalId", "Tessera-7f3a")));
		assertThat(exchange(Map.of("external_id", "Tessera-7f3a")).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(reasons(this.world.accountB(), this.world.rootB())).contains("external_id_mismatch",
					"account_not_trusted", "allowed");
			assertThat(reasons(this.world.accountA(), this.world.rootA())).doesNotContain("external_id_mismatch");
		});
	}

	@Test
	void onlyTheNamedPrincipalsOfTheTrustedAccountMayUseTheTrust() {
		this.tessera.createUser(this.world.accountA(), this.world.rootA(), "System2");
		this.tessera.attachToUser(this.world.accountA(), this.world.rootA(), "System2",
				"ImpersonateToRootUserAccountB");
		setTrust(List.of(Map.of("account", this.world.accountA(), "principals",
				List.of("crn:iam:" + this.world.accountA() + ":user/System1"))));
		assertThat(exchange(Map.of()).status()).isEqualTo(200);
		String system2 = this.tessera.login(this.world.accountA(), "System2", Tessera.PASSWORD);
		Http.Response refused = this.tessera.impersonate(this.world.saOfB().id(), system2);
		assertThat(refused.status()).isEqualTo(400);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(reasons(this.world.accountB(), this.world.rootB()))
				.contains("principal_not_trusted"));

		setTrust(List.of(Map.of("account", this.world.accountA(), "principals",
				List.of("crn:iam:" + this.world.accountA() + ":user/System*"))));
		assertThat(this.tessera.impersonate(this.world.saOfB().id(), system2).status()).isEqualTo(200);
	}

	@Test
	void aTokenLivesTheShortestOfRequestedTrustMaximumAndServiceAccountMaximum() {
		setTrust(List.of(Map.of("account", this.world.accountA(), "maxSessionDuration", 900)));
		assertThat(lifetime(exchange(Map.of()))).isEqualTo(900);
		assertThat(lifetime(exchange(Map.of("requested_lifetime", "300")))).isEqualTo(300);
		assertThat(lifetime(exchange(Map.of("requested_lifetime", "1800")))).isEqualTo(900);

		Http.Response patched = this.tessera.http()
			.patch(this.saPath, this.world.rootB(), Map.of("maxSessionDuration", 600));
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.json().get("maxSessionDuration").asLong()).isEqualTo(600);
		assertThat(lifetime(exchange(Map.of()))).isEqualTo(600);
		String secret = this.world.saOfB().secret();
		Http.Response own = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials"), this.world.saOfB().id(), secret);
		assertThat(lifetime(own)).isEqualTo(600);
	}

	@Test
	void theOldListOfAccountIdsStillWorksAndEntriesAreShown() {
		Http.Response set = this.tessera.http()
			.put(this.saPath + "/trust", this.world.rootB(), Map.of("accounts", List.of(this.world.accountA(),
					Map.of("account", "999999999999", "externalId", "abc-123", "maxSessionDuration", 3600))));
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		JsonNode view = set.json();
		assertThat(view.get("trustedAccounts").toString()).contains(this.world.accountA(), "999999999999");
		assertThat(view.get("trust").get(0).has("externalId")).isFalse();
		assertThat(view.get("trust").get(1).get("externalId").asString()).isEqualTo("abc-123");
		assertThat(exchange(Map.of()).status()).isEqualTo(200);
	}

	@Test
	void malformedTrustEntriesAreClearProblems() {
		for (Object entry : List.of(Map.of("account", "x"), Map.of("account", this.world.accountA(), "externalId", "a"),
				Map.of("account", this.world.accountA(), "principals", List.of("crn:iam:1:user/x")),
				Map.of("account", this.world.accountA(), "maxSessionDuration", 10),
				Map.of("account", this.world.accountA(), "color", "red"), 42)) {
			Http.Response refused = this.tessera.http()
				.put(this.saPath + "/trust", this.world.rootB(), Map.of("accounts", List.of(entry)));
			assertThat(refused.status()).as(entry.toString()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(this.tessera.http()
			.patch(this.saPath, this.world.rootB(), Map.of("maxSessionDuration", 50000))
			.status()).isEqualTo(400);
	}

	private void setTrust(List<Object> entries) {
		Http.Response set = this.tessera.http()
			.put(this.saPath + "/trust", this.world.rootB(), Map.of("accounts", entries));
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
	}

	private Http.Response exchange(Map<String, String> extra) {
		Map<String, String> fields = new java.util.LinkedHashMap<>(Http.fields("grant_type",
				"urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", this.world.saOfB().id(),
				"subject_token_type", "urn:tessera:params:oauth:token-type:service_account", "actor_token",
				this.system1, "actor_token_type", "urn:ietf:params:oauth:token-type:access_token", "client_id",
				"tessera-cli"));
		fields.putAll(extra);
		return this.tessera.http().form("/oauth2/token", fields);
	}

	private static long lifetime(Http.Response answer) {
		JsonNode claims = Tessera.claims(Tessera.accessToken(answer));
		return claims.get("exp").asLong() - claims.get("iat").asLong();
	}

	private List<String> reasons(String account, String root) {
		return this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?pageSize=100", root)
			.json()
			.get("items")
			.valueStream()
			.filter((event) -> "ImpersonateServiceAccount".equals(event.get("type").asString()))
			.map((event) -> event.get("reason").asString())
			.toList();
	}

}
