package org.tessera.oauth.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import tools.jackson.databind.JsonNode;

/**
 * A display name given to an impersonation travels in the token and in the audit events
 * both accounts read, for the exchange and for every change made with its token; a
 * display name that is not plain text is refused by name.
 */
class DisplayNameTests extends IntegrationTest {

	@Test
	void theDisplayNameIsInTheTokenAndInBothAccountsEventsOfTheExchangeAndOfTheChangesMadeWithIt() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		Http.Response attach = this.tessera.http()
			.put("/iam/v1/accounts/" + world.accountB() + "/service-accounts/" + world.saOfB().id()
					+ "/policies/IAMFullAccess", world.rootB(), "");
		assertThat(attach.status()).as(attach.toString()).isEqualTo(204);
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		String token = Tessera
			.accessToken(this.tessera.impersonate(world.saOfB().id(), system1, "Release 42 by Alice"));
		assertThat(Tessera.claims(token).get("display_name").asString()).isEqualTo("Release 42 by Alice");

		Http.Response change = this.tessera.http()
			.patch("/iam/v1/accounts/" + world.accountB() + "/service-accounts/" + world.saOfB().id(), token,
					Map.of("description", "changed while impersonating"));
		assertThat(change.status()).as(change.toString()).isEqualTo(200);

		for (String[] reader : new String[][] { { world.accountA(), world.rootA() },
				{ world.accountB(), world.rootB() } }) {
			JsonNode events = this.tessera.http()
				.get("/iam/v1/accounts/" + reader[0] + "/audit-events", reader[1])
				.json()
				.get("items");
			assertThat(displayNameOf(events, "ImpersonateServiceAccount")).as(reader[0])
				.isEqualTo("Release 42 by Alice");
			assertThat(displayNameOf(events, "UpdateServiceAccount")).as(reader[0]).isEqualTo("Release 42 by Alice");
		}
	}

	@Test
	void withoutADisplayNameTheTokenHasNoSuchClaim() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		String token = Tessera.accessToken(this.tessera.impersonate(world.saOfB().id(), system1));
		assertThat(Tessera.claims(token).has("display_name")).isFalse();
	}

	@Test
	void aDisplayNameThatIsNotPlainTextIsRefusedByName() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		for (String bad : new String[] { "<script>alert(1)</script>", "x".repeat(65), "line\nbreak", "   " }) {
			Http.Response refused = this.tessera.impersonate(world.saOfB().id(), system1, bad);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_request");
			assertThat(refused.json().get("error_description").asString()).contains("display_name");
		}
	}

	private static String displayNameOf(JsonNode events, String type) {
		for (JsonNode event : events) {
			if (type.equals(event.get("type").asString())) {
				return event.get("displayName").isNull() ? null : event.get("displayName").asString();
			}
		}
		throw new AssertionError("no " + type + " event in " + events);
	}

}
