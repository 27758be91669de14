package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * The management API takes every token this server issues: one of a principal with the
 * most policies it may hold (50) is over 8 KB, Tomcat's default limit of request headers,
 * and within the server's 64 KB.
 */
class LargeAccessTokenTests extends IntegrationTest {

	private static final int MAX_POLICIES_PER_PRINCIPAL = 50;

	@Test
	void aUserWithFiftyAttachedPoliciesUsesItsTokenAtTheManagementApi() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Busy");
		for (int i = 0; i < MAX_POLICIES_PER_PRINCIPAL; i++) {
			this.tessera.createPolicy(account, root, "team-" + i, "Allow", List.of("iam:ListUsers", "iam:GetPolicy"),
					List.of("crn:iam:" + account + ":user/*", "crn:iam:" + account + ":policy/team-" + i + "-*"));
			this.tessera.attachToUser(account, root, "Busy", "team-" + i);
		}
		String token = this.tessera.login(account, "Busy", Tessera.PASSWORD);
		assertThat(token.length()).isGreaterThan(9_000);

		Http.Response users = this.tessera.http().get("/iam/v1/accounts/" + account + "/users", token);

		assertThat(users.status()).as(users.toString()).isEqualTo(200);
	}

}
