package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.vserver.StubIssuer.RunningVServer;

/**
 * vServer refuses an expired token from its first second, and one whose {@code nbf} is
 * still to come (SPEC section 7): Spring's 60 s of clock skew is not granted unless
 * {@code tessera.vserver.clock-skew} says so.
 */
class TokenLifetimeTests {

	private static final String SERVERS = "/vserver/v1/accounts/" + AccessTokens.ACCOUNT + "/servers";

	@Test
	void aTokenExpiredFiveSecondsAgoOrValidOnlyInFiveSecondsIs401() throws Exception {
		try (StubIssuer issuer = StubIssuer.start(); RunningVServer vServer = issuer.startVServer()) {
			assertOk(vServer.http().get(SERVERS, issuer.sign(allowed(issuer).build())));

			assertInvalid(vServer.http().get(SERVERS, issuer.sign(expiredSecondsAgo(issuer, 5))));
			assertInvalid(
					vServer.http().get(SERVERS, issuer.sign(allowed(issuer).notBeforeTime(inSeconds(5)).build())));
		}
	}

	@Test
	void theConfiguredClockSkewIsTheOnlyToleranceGranted() throws Exception {
		try (StubIssuer issuer = StubIssuer.start();
				RunningVServer vServer = issuer.startVServer("--tessera.vserver.clock-skew=30s")) {
			assertOk(vServer.http().get(SERVERS, issuer.sign(expiredSecondsAgo(issuer, 5))));
			assertOk(vServer.http().get(SERVERS, issuer.sign(allowed(issuer).notBeforeTime(inSeconds(5)).build())));

			assertInvalid(vServer.http().get(SERVERS, issuer.sign(expiredSecondsAgo(issuer, 40))));
		}
	}

	/** Claims of a token allowed to list the servers of its account. */
	private static JWTClaimsSet.Builder allowed(StubIssuer issuer) {
		return issuer.claims().claim("perms", AccessTokens.vServerFullAccess(AccessTokens.ACCOUNT));
	}

	private static JWTClaimsSet expiredSecondsAgo(StubIssuer issuer, long seconds) {
		return allowed(issuer).issueTime(inSeconds(-seconds - 60)).expirationTime(inSeconds(-seconds)).build();
	}

	private static Date inSeconds(long seconds) {
		return Date.from(Instant.now().plusSeconds(seconds));
	}

	private static void assertOk(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private static void assertInvalid(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
	}

}
