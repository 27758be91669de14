package org.tessera.hardening.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.serviceaccount.ServiceAccountLifecycle;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * An account never holds more policies or service accounts than its limit, however many
 * creations race for the last places: each creation counts what the account holds and
 * then inserts, and without a lock two of them could both see room for one more.
 */
class AccountLimitRaceTests extends IntegrationTest {

	private static final int THREADS = 16;

	/** Places left when a race starts; twice as many creations race for them. */
	private static final int LEFT = 8;

	private static final int ROUNDS = 5;

	@Test
	void racingPolicyCreationsFillAnAccountExactlyToItsLimit() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String path = "/iam/v1/accounts/" + account + "/policies";
		IntFunction<Map<String, Object>> policy = (i) -> Map.of("name", "P" + i, "statements",
				List.of(Map.of("effect", "Allow", "actions", List.of("vserver:GetServer"), "resources", List.of("*"))));

		assertFilledExactly(path, root, AccountPolicyService.MAX_POLICIES_PER_ACCOUNT, policy);
	}

	@Test
	void racingServiceAccountCreationsFillAnAccountExactlyToItsLimit() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String path = "/iam/v1/accounts/" + account + "/service-accounts";

		assertFilledExactly(path, root, ServiceAccountLifecycle.MAX_SERVICE_ACCOUNTS_PER_ACCOUNT,
				(i) -> Map.of("name", "sa" + i));
	}

	/**
	 * Creates {@code limit - LEFT} items one by one, then, {@link #ROUNDS} times, races
	 * {@code 2 * LEFT} creations: each time exactly {@code LEFT} must succeed, the others
	 * must be refused with 409, and the list must hold exactly {@code limit} items; the
	 * round's items are then deleted to make room for the next. (Before the account was
	 * locked, one race in four let one creation too many through.)
	 */
	private static void assertFilledExactly(String path, String token, int limit, IntFunction<Map<String, Object>> body)
			throws Exception {
		for (int i = 0; i < limit - LEFT; i++) {
			Http.Response created = http().post(path, token, body.apply(i));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
		for (int round = 0; round < ROUNDS; round++) {
			List<Callable<Http.Response>> creations = new ArrayList<>();
			for (int i = 0; i < 2 * LEFT; i++) {
				Map<String, Object> next = body.apply(limit + round * 2 * LEFT + i);
				creations.add(() -> http().post(path, token, next));
			}

			List<Http.Response> responses = Race.run(creations, THREADS);

			assertThat(responses).allSatisfy((r) -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
			List<Http.Response> created = responses.stream().filter((r) -> r.status() == 201).toList();
			assertThat(created).as("creations let through in round %d", round).hasSize(LEFT);
			assertThat(count(path, token)).isEqualTo(limit);
			for (Http.Response item : created) {
				String id = item.json().has("id") ? item.json().get("id").asString()
						: item.json().get("name").asString();
				Http.Response deleted = http().delete(path + "/" + id, token);
				assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
			}
		}
	}

	/** How many items the list holds, read page by page. */
	private static int count(String path, String token) {
		int count = 0;
		String next = "";
		do {
			Http.Response page = http().get(path + "?pageSize=1000" + (next.isEmpty() ? "" : "&pageToken=" + next),
					token);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			count += page.json().get("items").size();
			JsonNode nextToken = page.json().get("nextPageToken");
			next = (nextToken == null || nextToken.isNull()) ? "" : nextToken.asString();
		}
		while (!next.isEmpty());
		return count;
	}

	private static Http http() {
		return new Http(issuer());
	}

}
