package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Nobody can write into an account's audit log by naming its service accounts in token
 * exchanges with a bad actor token: through the public client nobody is authenticated and
 * nothing is written; a service account with a bad actor token is audited in its own
 * account only.
 */
class UnauthenticatedExchangeAuditTests extends IntegrationTest {

	private static final String TYPE = "ImpersonateServiceAccount";

	@Test
	void aGarbageActorTokenThroughThePublicClientWritesNothingIntoTheTargetsLog() {
		Tessera.Walkthrough world = this.tessera.walkthrough();

		for (String target : List.of(world.saOfB().id(), world.saOfB().crn())) {
			Http.Response response = this.tessera.impersonate(target, "garbage");
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
		}

		assertThat(exchanges(world.accountB(), world.rootB())).isEmpty();
		assertThat(exchanges(world.accountA(), world.rootA())).isEmpty();
	}

	@Test
	void aServiceAccountWithABadActorTokenIsAuditedInItsOwnAccountOnly() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String c = this.tessera.signUp();
		String rootC = this.tessera.loginRoot(c);
		ServiceAccountCredentials client = this.tessera.createServiceAccount(c, rootC, "Prober", List.of(), List.of());

		Http.Response response = this.tessera.http()
			.form("/oauth2/token",
					Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token",
							world.saOfB().id(), "subject_token_type",
							"urn:tessera:params:oauth:token-type:service_account", "actor_token", "garbage",
							"actor_token_type", "urn:ietf:params:oauth:token-type:access_token"),
					client.id(), client.secret());

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(exchanges(world.accountB(), world.rootB())).isEmpty();
		List<JsonNode> seenByC = exchanges(c, rootC);
		assertThat(seenByC).hasSize(1);
		JsonNode event = seenByC.get(0);
		assertThat(event.get("reason").asString()).isEqualTo("actor_token_invalid");
		assertThat(event.get("actor").asString()).isEqualTo(client.crn());
		assertThat(event.get("actorAccount").asString()).isEqualTo(c);
		assertThat(event.get("target").asString()).isEqualTo(world.saOfB().id());
		assertThat(event.get("targetAccount").isNull()).isTrue();
		assertThat(event.get("clientId").asString()).isEqualTo(client.id());
	}

	private List<JsonNode> exchanges(String account, String token) {
		Http.Response response = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?pageSize=1000", token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode event : response.json().get("items")) {
			if (TYPE.equals(event.get("type").asString())) {
				events.add(event);
			}
		}
		return events;
	}

}
