package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Who acted, through every impersonation: an event names the token's whole {@code act}
 * chain, and the account of every principal in it sees the event, for changes through the
 * management API and for token exchanges alike.
 */
class ImpersonatedChangeAuditTests extends IntegrationTest {

	@Test
	void systemOneActingAsAServiceAccountOfBChangesBAndBothAccountsLogsNameSystemOne() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String a = world.accountA();
		String b = world.accountB();
		String system1Crn = "crn:iam:" + a + ":user/System1";
		attach(b, world.rootB(), world.saOfB().id(), "IAMFullAccess");
		String system1 = this.tessera.login(a, "System1", Tessera.PASSWORD);
		String asSaOfB = Tessera.accessToken(this.tessera.impersonate(world.saOfB().id(), system1));

		Http.Response created = this.tessera.http()
			.post("/iam/v1/accounts/" + b + "/users", asSaOfB,
					Map.of("name", "MadeThroughImpersonation", "password", Tessera.PASSWORD));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		String user = "crn:iam:" + b + ":user/MadeThroughImpersonation";
		for (List<JsonNode> log : List.of(events(b, world.rootB(), "CreateUser"),
				events(a, world.rootA(), "CreateUser"))) {
			List<JsonNode> ofTheUser = log.stream()
				.filter((event) -> user.equals(event.get("target").asString()))
				.toList();
			assertThat(ofTheUser).hasSize(1);
			JsonNode event = ofTheUser.get(0);
			assertThat(event.get("actor").asString()).isEqualTo(world.saOfB().crn());
			assertThat(event.get("actorAccount").asString()).isEqualTo(b);
			assertThat(event.get("actorChain").valueStream().map(JsonNode::asString).toList())
				.containsExactly(system1Crn);
			assertThat(event.get("targetAccount").asString()).isEqualTo(b);
		}
	}

	@Test
	void anExchangeWithAnImpersonatedTokenIsSeenByTheAccountOfEveryActorInTheChain() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String a = world.accountA();
		String b = world.accountB();
		String c = this.tessera.signUp();
		String rootC = this.tessera.loginRoot(c);
		ServiceAccountCredentials saOfC = this.tessera.createServiceAccount(c, rootC, "TrustsB", List.of(b), List.of());
		ServiceAccountCredentials untrusting = this.tessera.createServiceAccount(c, rootC, "TrustsNobody", List.of(),
				List.of());
		this.tessera.createPolicy(b, world.rootB(), "ImpersonateAnyOfC", "Allow",
				List.of("iam:ImpersonateServiceAccount"), List.of("crn:iam:" + c + ":service-account/*"));
		attach(b, world.rootB(), world.saOfB().id(), "ImpersonateAnyOfC");
		String system1 = this.tessera.login(a, "System1", Tessera.PASSWORD);
		String asSaOfB = Tessera.accessToken(this.tessera.impersonate(world.saOfB().id(), system1));

		assertThat(this.tessera.impersonate(saOfC.id(), asSaOfB).status()).isEqualTo(200);
		assertThat(this.tessera.impersonate(untrusting.id(), asSaOfB).status()).isEqualTo(400);

		List<JsonNode> seenByA = events(a, world.rootA(), "ImpersonateServiceAccount");
		List<JsonNode> seenByB = events(b, world.rootB(), "ImpersonateServiceAccount");
		List<JsonNode> seenByC = events(c, rootC, "ImpersonateServiceAccount");
		// A and B: System1's exchange for B's service account, then that one's two
		// exchanges into C
		assertThat(seenByA).hasSize(3);
		assertThat(seenByB).hasSize(3);
		assertThat(seenByC).hasSize(2);
		for (List<JsonNode> log : List.of(seenByA.subList(1, 3), seenByB.subList(1, 3), seenByC)) {
			assertThat(log).allSatisfy((event) -> {
				assertThat(event.get("actor").asString()).isEqualTo(world.saOfB().crn());
				assertThat(event.get("actorChain").valueStream().map(JsonNode::asString).toList())
					.containsExactly("crn:iam:" + a + ":user/System1");
			});
			assertThat(log.get(0).get("reason").asString()).isEqualTo("allowed");
		}
		// only the target's account learns why the second one was refused
		assertThat(seenByC.get(1).get("reason").asString()).isEqualTo("account_not_trusted");
		assertThat(seenByA.get(2).get("reason").asString()).isEqualTo("not_permitted_or_not_found");
		assertThat(seenByB.get(2).get("reason").asString()).isEqualTo("not_permitted_or_not_found");
		assertThat(seenByB.get(2).get("target").asString()).isEqualTo(untrusting.id());
	}

	private void attach(String account, String token, String saId, String policy) {
		Http.Response attached = this.tessera.http()
			.put("/iam/v1/accounts/" + account + "/service-accounts/" + saId + "/policies/" + policy, token, "");
		assertThat(attached.status()).as(attached.toString()).isEqualTo(204);
	}

	private List<JsonNode> events(String account, String token, String type) {
		Http.Response response = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?pageSize=1000", token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode event : response.json().get("items")) {
			if (type.equals(event.get("type").asString())) {
				events.add(event);
			}
		}
		return events;
	}

}
