package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * No name or id in a path or a parameter may be longer than such a name or id can be when
 * created: a longer one is refused at once (404, or 400 naming the parameter), and never
 * echoed back in the detail or looked up.
 */
class LongIdsInPathsTests extends IntegrationTest {

	private static final String LONG = "a".repeat(30_000);

	@Test
	void everyIdInAPathLongerThanAnyObjectsIs404WithAShortAnswer() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "someone");
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "robot", List.of(), List.of());
		String robot = "/service-accounts/" + sa.id();
		Http http = this.tessera.http();

		List<Http.Response> refusals = List.of(http.get(path(account, "/users/" + LONG), root),
				http.get(path(account, "/users/" + "u".repeat(65)), root),
				http.put(path(account, "/users/someone/policies/" + LONG), root, ""),
				http.delete(path(account, "/users/someone/policies/" + LONG), root),
				http.put(path(account, "/users/someone/policies/" + "p".repeat(129)), root, ""),
				http.get(path(account, "/policies/" + LONG), root),
				http.get(path(account, "/service-accounts/" + LONG), root),
				http.put(path(account, robot + "/policies/" + LONG), root, ""),
				http.delete(path(account, robot + "/secrets/" + LONG), root),
				http.delete(path(account, robot + "/keys/" + LONG), root),
				http.get(path(LONG.replace('a', '1'), "/users"), root));

		for (Http.Response refusal : refusals) {
			Iam.problem(refusal, 404);
			assertThat(refusal.json().get("detail").asString()).as("not echoed").hasSizeLessThan(200);
		}
	}

	@Test
	void aPageTokenLongerThanAnyThisServerGivesOutIs400NamingIt() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		Http.Response response = this.tessera.http().get(path(account, "/users?pageToken=" + LONG), root);

		Iam.badRequest(response, "pageToken");
		assertThat(response.json().get("detail").asString()).hasSizeLessThan(200);
	}

}
