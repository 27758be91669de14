package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code order=newest} lists an account's audit events newest first, page after page, as
 * the console shows them; the default stays oldest first, and any other order is a 400
 * naming it.
 */
class AuditOrderTests extends IntegrationTest {

	@Test
	void newestFirstPagesBackwardsThroughTheSameEvents() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		for (String user : List.of("first", "second", "third")) {
			this.tessera.createUser(account, root, user);
		}
		String path = "/iam/v1/accounts/" + account + "/audit-events";
		List<String> oldestFirst = targets(this.tessera.http().get(path + "?pageSize=10", root).json());

		List<String> newestFirst = new ArrayList<>();
		String token = null;
		do {
			JsonNode page = this.tessera.http()
				.get(path + "?order=newest&pageSize=2" + ((token != null) ? "&pageToken=" + token : ""), root)
				.json();
			newestFirst.addAll(targets(page));
			token = page.has("nextPageToken") && !page.get("nextPageToken").isNull()
					? page.get("nextPageToken").asString() : null;
		}
		while (token != null);

		assertThat(oldestFirst).endsWith("crn:iam:" + account + ":user/first", "crn:iam:" + account + ":user/second",
				"crn:iam:" + account + ":user/third");
		List<String> reversed = new ArrayList<>(oldestFirst);
		Collections.reverse(reversed);
		assertThat(newestFirst).containsExactlyElementsOf(reversed);
	}

	@Test
	void anyOtherOrderIsRefusedByName() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Http.Response refused = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?order=sideways", root);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("order");
	}

	private static List<String> targets(JsonNode page) {
		List<String> targets = new ArrayList<>();
		page.get("items").forEach((event) -> targets.add(event.get("target").asString()));
		return targets;
	}

}
