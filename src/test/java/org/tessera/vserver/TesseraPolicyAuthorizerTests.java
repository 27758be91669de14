package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.tessera.policy.Decision;
import org.tessera.enforcement.PolicyDeniedException;
import org.tessera.enforcement.TesseraPolicyAuthorizer;

/**
 * The reusable authorizer decides from the token's acct and perms alone, and denies
 * whatever it cannot read.
 */
class TesseraPolicyAuthorizerTests {

	private static final String SERVER = "crn:vserver:60108:server/srv-1";

	private final TesseraPolicyAuthorizer authorizer = new TesseraPolicyAuthorizer();

	@Test
	void aMatchingAllowStatementAllows() {
		Jwt jwt = token("60108", List.of(statement("Allow", "vserver:*", "crn:vserver:*:server/*")));

		assertThat(this.authorizer.check(jwt, "vserver:StopServer", SERVER)).isEqualTo(Decision.ALLOW);
	}

	@Test
	void aResourceOfAnotherAccountIsDeniedWhateverThePerms() {
		Jwt jwt = token("53461", List.of(statement("Allow", "*", "*")));

		assertThat(this.authorizer.check(jwt, "vserver:StopServer", SERVER).allowed()).isFalse();
		assertThatThrownBy(() -> this.authorizer.require(jwt, "vserver:StopServer", SERVER))
			.isInstanceOfSatisfying(PolicyDeniedException.class, (ex) -> {
				assertThat(ex.action()).isEqualTo("vserver:StopServer");
				assertThat(ex.resource()).isEqualTo(SERVER);
			});
	}

	@Test
	void aDenyStatementWins() {
		Jwt jwt = token("60108", List.of(statement("Allow", "*", "*"),
				statement("Deny", "vserver:Stop*", "crn:vserver:60108:server/*")));

		assertThat(this.authorizer.check(jwt, "vserver:StopServer", SERVER)).isEqualTo(Decision.EXPLICIT_DENY);
		assertThat(this.authorizer.check(jwt, "vserver:StartServer", SERVER)).isEqualTo(Decision.ALLOW);
	}

	@Test
	void malformedOrMissingClaimsDeny() {
		List<Object> allowAll = List.of(statement("Allow", "*", "*"));

		assertThat(this.authorizer.check(token("60108", "not a list"), "vserver:GetServer", SERVER).allowed())
			.isFalse();
		assertThat(
				this.authorizer.check(token("60108", List.of(Map.of("effect", "Maybe"))), "vserver:GetServer", SERVER)
					.allowed())
			.isFalse();
		assertThat(this.authorizer.check(token("60108", null), "vserver:GetServer", SERVER).allowed()).isFalse();
		assertThat(this.authorizer.check(token(null, allowAll), "vserver:GetServer", SERVER).allowed()).isFalse();
		assertThat(this.authorizer.check(token("abc", allowAll), "vserver:GetServer", SERVER).allowed()).isFalse();
		assertThat(this.authorizer.check(token("60108", allowAll), "vserver:GetServer", "not-a-crn").allowed())
			.isFalse();
	}

	@Test
	void denialsAreLoggedAtInfoAndAllowedRequestsOnlyWhenDebugIsOn() {
		Logger logger = (Logger) LoggerFactory.getLogger(TesseraPolicyAuthorizer.class);
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		logger.addAppender(lines);
		Level before = logger.getLevel();
		try {
			Jwt jwt = token("60108", List.of(statement("Allow", "vserver:Get*", "*")));
			logger.setLevel(Level.INFO);
			this.authorizer.check(jwt, "vserver:GetServer", SERVER);
			this.authorizer.check(jwt, "vserver:StopServer", SERVER);
			logger.setLevel(Level.DEBUG);
			this.authorizer.check(jwt, "vserver:GetServer", SERVER);

			assertThat(lines.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
				.containsExactly(
						tuple(Level.INFO,
								"decision=DENY sub=crn:iam:60108:user/System1 act=[crn:iam:53461:root] "
										+ "action=vserver:StopServer resource=" + SERVER),
						tuple(Level.DEBUG, "decision=ALLOW sub=crn:iam:60108:user/System1 act=[crn:iam:53461:root] "
								+ "action=vserver:GetServer resource=" + SERVER));
		}
		finally {
			logger.setLevel(before);
			logger.detachAppender(lines);
		}
	}

	private static Map<String, Object> statement(String effect, String action, String resource) {
		return Map.of("effect", effect, "actions", List.of(action), "resources", List.of(resource));
	}

	/**
	 * Each token its own text, as real tokens are: the authorizer keeps parsed statements
	 * by token text.
	 */
	private static Jwt token(String account, Object perms) {
		Jwt.Builder builder = Jwt.withTokenValue(UUID.randomUUID().toString())
			.header("alg", "ES256")
			.subject("crn:iam:60108:user/System1")
			.claim("act", Map.of("sub", "crn:iam:53461:root", "acct", "53461"))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		if (account != null) {
			builder.claim("acct", account);
		}
		if (perms != null) {
			builder.claim("perms", perms);
		}
		return builder.build();
	}

}
