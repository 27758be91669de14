package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Disabling or deleting a service account ends its tokens for good: enabling or
 * undeleting it lets it get new tokens but never revives those issued before, neither its
 * own nor those of which it is an actor, at introspection, the management API and token
 * exchange.
 */
class ReactivatedServiceAccountTests extends IntegrationTest {

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private String accountA;

	private String accountB;

	private String rootA;

	/**
	 * A service account of A that may impersonate {@link #target}, and which is stopped
	 * and started again.
	 */
	private ServiceAccountCredentials operator;

	private ServiceAccountCredentials target;

	private ServiceAccountCredentials checkerOfA;

	private ServiceAccountCredentials checkerOfB;

	@BeforeEach
	void anOperatorOfAWhoMayImpersonateAServiceAccountOfB() {
		this.accountA = this.tessera.signUp();
		this.accountB = this.tessera.signUp();
		this.rootA = this.tessera.loginRoot(this.accountA);
		String rootB = this.tessera.loginRoot(this.accountB);
		this.target = this.tessera.createServiceAccount(this.accountB, rootB, "target", List.of(this.accountA),
				List.of("IAMReadOnlyAccess"));
		this.tessera.createPolicy(this.accountA, this.rootA, "ImpersonateTarget", "Allow",
				List.of("iam:ImpersonateServiceAccount"), List.of(this.target.crn()));
		this.operator = this.tessera.createServiceAccount(this.accountA, this.rootA, "operator", List.of(),
				List.of("IAMReadOnlyAccess", "ImpersonateTarget"));
		this.checkerOfA = this.tessera.createServiceAccount(this.accountA, this.rootA, "checker", List.of(), List.of());
		this.checkerOfB = this.tessera.createServiceAccount(this.accountB, rootB, "checker", List.of(), List.of());
	}

	@ParameterizedTest(name = "{0} then {2}")
	@CsvSource({ "POST, /disable, POST, /enable", "DELETE, '', POST, /undelete" })
	void tokensIssuedBeforeAStopStayDeadWhenTheServiceAccountComesBack(String stopMethod, String stopPath,
			String startMethod, String startPath) {
		String ownToken = this.tessera.serviceAccountToken(this.operator);
		String impersonated = Tessera.accessToken(exchange(ownToken));
		assertThat(isActive(ownToken, this.checkerOfA)).as("positive control").isTrue();
		assertThat(isActive(impersonated, this.checkerOfB)).as("positive control").isTrue();
		assertThat(exchange(ownToken).status()).as("positive control").isEqualTo(200);

		manage(stopMethod, stopPath);
		manage(startMethod, startPath);

		assertThat(isActive(ownToken, this.checkerOfA)).as("its own token of before").isFalse();
		assertThat(isActive(impersonated, this.checkerOfB)).as("a token it obtained as actor").isFalse();
		assertThat(isActive(impersonated, this.checkerOfA)).as("the same, seen by the actor's account").isFalse();
		assertThat(listServiceAccounts(this.accountA, ownToken).status()).isEqualTo(401);
		assertThat(listServiceAccounts(this.accountB, impersonated).status()).isEqualTo(401);
		Http.Response asActor = exchange(ownToken);
		assertThat(asActor.status()).as(asActor.toString()).isEqualTo(400);
		assertThat(asActor.json().get("error").asString()).isEqualTo("invalid_request");

		String fresh = newToken();
		assertThat(isActive(fresh, this.checkerOfA)).isTrue();
		assertThat(listServiceAccounts(this.accountA, fresh).status()).isEqualTo(200);
		String freshImpersonated = Tessera.accessToken(exchange(fresh));
		assertThat(isActive(freshImpersonated, this.checkerOfB)).isTrue();
		assertThat(listServiceAccounts(this.accountB, freshImpersonated).status()).isEqualTo(200);
	}

	@Test
	void aServiceAccountEnabledWithinTheSecondOfItsDisableIsToldToRetryRatherThanGivenADeadToken() {
		for (int attempt = 0; attempt < 10; attempt++) {
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> Instant.now().getNano() < 300_000_000);
			Instant start = Instant.now();
			manage("POST", "/disable");
			manage("POST", "/enable");
			Http.Response response = this.tessera.clientCredentials(this.operator.id(), this.operator.secret());
			if (Instant.now().getEpochSecond() == start.getEpochSecond()) {
				assertThat(response.status()).as("all within one second: " + response).isEqualTo(400);
				assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
				assertThat(response.json().get("error_description").asString()).contains("retry in a second");
				assertThat(isActive(newToken(), this.checkerOfA)).as("a token of the next second").isTrue();
				return;
			}
		}
		throw new AssertionError("ten tries never fitted a disable, an enable and a token request in one second");
	}

	/**
	 * A new token, once one can be issued: within the second of the stop none can (a
	 * token's {@code iat} counts whole seconds), and the token endpoint says so.
	 */
	private String newToken() {
		Http.Response[] last = new Http.Response[1];
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = this.tessera.clientCredentials(this.operator.id(), this.operator.secret());
			if (last[0].status() != 200) {
				assertThat(last[0].status()).as(last[0].toString()).isEqualTo(400);
				assertThat(last[0].json().get("error").asString()).isEqualTo("invalid_grant");
			}
			return last[0].status() == 200;
		});
		return last[0].json().get("access_token").asString();
	}

	/**
	 * Token exchange by the operator, authenticated by its secret, with
	 * {@code actorToken} as actor.
	 */
	private Http.Response exchange(String actorToken) {
		return http().form("/oauth2/token",
				Http.fields("grant_type", TOKEN_EXCHANGE, "subject_token", this.target.id(), "subject_token_type",
						"urn:tessera:params:oauth:token-type:service_account", "actor_token", actorToken,
						"actor_token_type", "urn:ietf:params:oauth:token-type:access_token"),
				this.operator.id(), this.operator.secret());
	}

	private void manage(String method, String path) {
		String url = "/iam/v1/accounts/" + this.accountA + "/service-accounts/" + this.operator.id() + path;
		Http.Response response = "DELETE".equals(method) ? http().delete(url, this.rootA)
				: http().post(url, this.rootA, "");
		assertThat(response.status()).as(method + " " + path + ": " + response).isBetween(200, 204);
	}

	private Http.Response listServiceAccounts(String account, String token) {
		return http().get("/iam/v1/accounts/" + account + "/service-accounts", token);
	}

	private boolean isActive(String token, ServiceAccountCredentials client) {
		Http.Response response = http().form("/oauth2/introspect", Http.fields("token", token), client.id(),
				client.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("active").asBoolean();
	}

	private Http http() {
		return this.tessera.http();
	}

}
