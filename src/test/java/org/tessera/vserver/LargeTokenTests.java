package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.vserver.StubIssuer.RunningVServer;

/**
 * A valid token is accepted whatever its size up to vServer's 64 KB of request headers:
 * tokens grow with their principal's policies, past Tomcat's default limit of 8 KB at
 * about 50 small ones.
 */
class LargeTokenTests {

	private static final String SERVERS = "/vserver/v1/accounts/" + AccessTokens.ACCOUNT + "/servers";

	@Test
	void aTokenOfTwelveKilobytesListsAndCreatesServers() throws Exception {
		try (StubIssuer issuer = StubIssuer.start(); RunningVServer vServer = issuer.startVServer()) {
			String token = issuer.sign(issuer.claims().claim("perms", manyStatements(100)).build());
			assertThat(token.length()).isBetween(10_000, 20_000);

			Http.Response created = vServer.http().post(SERVERS, token, Map.of("name", "web-1"));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			Http.Response listed = vServer.http().get(SERVERS, token);
			assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
			assertThat(listed.json().get("items")).hasSize(1);
		}
	}

	/**
	 * {@code count} statements allowing GetServer on a pattern each, and one allowing all
	 * on the account's servers.
	 */
	private static List<Map<String, Object>> manyStatements(int count) {
		List<Map<String, Object>> statements = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			statements.add(AccessTokens.statement("vserver:GetServer",
					"crn:vserver:" + AccessTokens.ACCOUNT + ":server/srv-team-" + i + "-*"));
		}
		statements.add(AccessTokens.statement("vserver:*", "crn:vserver:" + AccessTokens.ACCOUNT + ":server/*"));
		return statements;
	}

}
