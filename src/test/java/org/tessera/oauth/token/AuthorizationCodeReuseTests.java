package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * RFC 6749 section 4.1.2: a code presented twice is refused, and the token already issued
 * from it stops working everywhere this server checks tokens, since the second use means
 * someone else holds the code.
 */
class AuthorizationCodeReuseTests extends IntegrationTest {

	@Test
	void redeemingACodeTwiceIsRefusedAndRevokesTheTokenTheFirstRedemptionGot() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(world.accountA(), world.rootA(),
				"checker", List.of(), List.of());
		String code = this.tessera.authorizationCode(world.accountA(), "System1", Tessera.PASSWORD);
		String first = Tessera.accessToken(this.tessera.redeem(code));
		assertThat(isActive(first, checker)).as("positive control").isTrue();
		assertThat(http().get("/iam/v1/accounts/" + world.accountA() + "/users/System1", first).status())
			.as("positive control: System1 may not read users, but its token is accepted")
			.isEqualTo(403);

		Http.Response again = this.tessera.redeem(code);

		assertThat(again.status()).as(again.toString()).isEqualTo(400);
		assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(again.body()).doesNotContain("access_token");
		assertThat(isActive(first, checker)).as("the first redemption's token at introspection").isFalse();
		assertThat(http().get("/iam/v1/accounts/" + world.accountA() + "/users/System1", first).status())
			.as("the first redemption's token at the management API")
			.isEqualTo(401);
		Http.Response exchange = this.tessera.impersonate(world.saOfB().id(), first);
		assertThat(exchange.status()).as("the first redemption's token as actor: " + exchange).isEqualTo(400);
		String fresh = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		assertThat(isActive(fresh, checker)).as("a new login is unaffected").isTrue();
		assertThat(this.tessera.impersonate(world.saOfB().id(), fresh).status()).isEqualTo(200);
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
