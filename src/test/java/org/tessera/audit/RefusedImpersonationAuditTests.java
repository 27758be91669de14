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
import tools.jackson.databind.node.ObjectNode;

/**
 * A refused impersonation, as each account's audit log shows it: the target's account
 * sees the real reason; the caller's account sees one reason and the target as it named
 * it, whatever the target's state, so its log cannot tell it what the identical 400
 * answer hides.
 */
class RefusedImpersonationAuditTests extends IntegrationTest {

	private static final String IMPERSONATE = "iam:ImpersonateServiceAccount";

	private static final String TYPE = "ImpersonateServiceAccount";

	@Test
	void theCallersAccountSeesTheSameEventForEveryRefusalThatWouldTellItAboutTheTarget() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String a = world.accountA();
		String b = world.accountB();
		ServiceAccountCredentials probed = this.tessera.createServiceAccount(b, world.rootB(), "Probed", List.of(a),
				List.of());
		String probedPath = "/iam/v1/accounts/" + b + "/service-accounts/" + probed.id();
		String system1 = this.tessera.login(a, "System1", Tessera.PASSWORD);

		// no policy of System1 names it
		refused(probed.id(), system1);
		this.tessera.createPolicy(a, world.rootA(), "ImpersonateAnyOfB", "Allow", List.of(IMPERSONATE),
				List.of("crn:iam:" + b + ":service-account/*"));
		this.tessera.attachToUser(a, world.rootA(), "System1", "ImpersonateAnyOfB");
		// disabled
		assertThat(http().post(probedPath + "/disable", world.rootB(), "").status()).isEqualTo(200);
		refused(probed.id(), system1);
		assertThat(http().post(probedPath + "/enable", world.rootB(), "").status()).isEqualTo(200);
		// not trusting A
		assertThat(http().put(probedPath + "/trust", world.rootB(), Map.of("accounts", List.of())).status())
			.isEqualTo(200);
		refused(probed.id(), system1);
		assertThat(http().put(probedPath + "/trust", world.rootB(), Map.of("accounts", List.of(a))).status())
			.isEqualTo(200);
		// an explicit Deny of System1's own
		this.tessera.createPolicy(a, world.rootA(), "NoImpersonation", "Deny", List.of(IMPERSONATE), List.of("*"));
		this.tessera.attachToUser(a, world.rootA(), "System1", "NoImpersonation");
		refused(probed.id(), system1);
		assertThat(http().delete("/iam/v1/accounts/" + a + "/users/System1/policies/NoImpersonation", world.rootA())
			.status()).isEqualTo(204);
		// deleted
		assertThat(http().delete(probedPath, world.rootB()).status()).isEqualTo(204);
		refused(probed.id(), system1);
		// never existed
		refused("sa-neverissued", system1);

		List<JsonNode> seenByA = exchanges(a, world.rootA());
		assertThat(seenByA).hasSize(6);
		JsonNode first = withoutIdAndTime(seenByA.get(0));
		assertThat(first.get("reason").asString()).isEqualTo("not_permitted_or_not_found");
		assertThat(first.get("decision").asString()).isEqualTo("DENIED");
		assertThat(first.get("actor").asString()).isEqualTo("crn:iam:" + a + ":user/System1");
		assertThat(first.get("target").asString()).isEqualTo(probed.id());
		assertThat(first.get("targetAccount").isNull()).isTrue();
		for (JsonNode event : seenByA.subList(1, 5)) {
			assertThat(withoutIdAndTime(event)).isEqualTo(first);
		}
		ObjectNode neverIssued = withoutIdAndTime(seenByA.get(5));
		assertThat(neverIssued.get("target").asString()).isEqualTo("sa-neverissued");
		neverIssued.put("target", probed.id());
		assertThat(neverIssued).isEqualTo(first);

		List<JsonNode> seenByB = exchanges(b, world.rootB());
		assertThat(seenByB).extracting((event) -> event.get("reason").asString())
			.containsExactly("policy_no_allow", "target_disabled", "account_not_trusted", "policy_explicit_deny",
					"target_deleted");
		assertThat(seenByB).allSatisfy((event) -> {
			assertThat(event.get("target").asString()).isEqualTo(probed.crn());
			assertThat(event.get("targetAccount").asString()).isEqualTo(b);
			assertThat(event.get("actor").asString()).isEqualTo("crn:iam:" + a + ":user/System1");
		});
	}

	@Test
	void theCallersAccountSeesTheSameEventWhenItNamesTheTargetByCrn() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String a = world.accountA();
		String b = world.accountB();
		ServiceAccountCredentials untrusting = this.tessera.createServiceAccount(b, world.rootB(), "Untrusting",
				List.of(), List.of());
		String misplaced = "crn:iam:" + b + ":service-account/sa-neverissued";
		this.tessera.createPolicy(a, world.rootA(), "ImpersonateAnyOfB", "Allow", List.of(IMPERSONATE),
				List.of("crn:iam:" + b + ":service-account/*"));
		this.tessera.attachToUser(a, world.rootA(), "System1", "ImpersonateAnyOfB");
		String system1 = this.tessera.login(a, "System1", Tessera.PASSWORD);

		refused(untrusting.crn(), system1);
		refused(misplaced, system1);

		List<JsonNode> seenByA = exchanges(a, world.rootA());
		assertThat(seenByA).hasSize(2);
		ObjectNode untrusted = withoutIdAndTime(seenByA.get(0));
		ObjectNode missing = withoutIdAndTime(seenByA.get(1));
		assertThat(untrusted.get("target").asString()).isEqualTo(untrusting.crn());
		assertThat(missing.get("target").asString()).isEqualTo(misplaced);
		missing.put("target", untrusting.crn());
		assertThat(missing).isEqualTo(untrusted);
		assertThat(untrusted.get("targetAccount").isNull()).isTrue();
		assertThat(exchanges(b, world.rootB())).extracting((event) -> event.get("reason").asString())
			.containsExactly("account_not_trusted");
	}

	@Test
	void withinOneAccountTheAccountSeesTheRealReason() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials own = this.tessera.createServiceAccount(account, root, "Own", List.of(), List.of());
		this.tessera.createUser(account, root, "Operator");
		String operator = this.tessera.login(account, "Operator", Tessera.PASSWORD);
		String missing = "crn:iam:" + account + ":service-account/sa-neverissued";

		refused(own.id(), operator);
		refused(missing, operator);

		List<JsonNode> seen = exchanges(account, root);
		assertThat(seen).extracting((event) -> event.get("reason").asString())
			.containsExactly("policy_no_allow", "target_not_found");
		assertThat(seen.get(0).get("target").asString()).isEqualTo(own.crn());
		assertThat(seen.get(0).get("targetAccount").asString()).isEqualTo(account);
	}

	private void refused(String target, String actorToken) {
		Http.Response response = this.tessera.impersonate(target, actorToken);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
	}

	private List<JsonNode> exchanges(String account, String token) {
		Http.Response response = http().get("/iam/v1/accounts/" + account + "/audit-events?pageSize=1000", token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode event : response.json().get("items")) {
			if (TYPE.equals(event.get("type").asString())) {
				events.add(event);
			}
		}
		return events;
	}

	private static ObjectNode withoutIdAndTime(JsonNode event) {
		ObjectNode copy = (ObjectNode) event.deepCopy();
		copy.remove("id");
		copy.remove("time");
		return copy;
	}

	private Http http() {
		return this.tessera.http();
	}

}
