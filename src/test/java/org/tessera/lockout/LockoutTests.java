package org.tessera.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/** Issue 6 point 4: repeated failures lock one client or one login name for a while, audited. */
class LockoutTests extends IntegrationTest {

	private static final int MAX_FAILURES = 10;

	@Test
	void tenWrongSecretsLockTheClientButAnotherClientIsUnaffected() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials target = this.tessera.createServiceAccount(account, root, "target", List.of(),
				List.of());
		ServiceAccountCredentials bystander = this.tessera.createServiceAccount(account, root, "bystander", List.of(),
				List.of());

		for (int i = 0; i < MAX_FAILURES - 1; i++) {
			assertThat(this.tessera.clientCredentials(target.id(), "wrong-" + i).status()).isEqualTo(401);
		}
		assertThat(this.tessera.clientCredentials(target.id(), target.secret()).status())
			.as("nine failures do not lock, and a success clears them").isEqualTo(200);
		for (int i = 0; i < MAX_FAILURES; i++) {
			assertThat(this.tessera.clientCredentials(target.id(), "wrong-" + i).status()).isEqualTo(401);
		}

		assertThat(this.tessera.clientCredentials(target.id(), target.secret()).status())
			.as("locked: even the right secret is refused").isEqualTo(401);
		assertThat(this.tessera.clientCredentials(bystander.id(), bystander.secret()).status()).isEqualTo(200);
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + account + "/audit-events", root).body())
			.contains("\"type\":\"ClientLockedOut\"", target.crn());
	}

	@Test
	void tenWrongPasswordsLockTheLoginNameButNotTheOtherUsersOfTheAccount() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Target");
		this.tessera.createUser(account, root, "Bystander");

		for (int i = 0; i < MAX_FAILURES; i++) {
			assertThat(this.tessera.authorizationCode(account, "Target", "wrong password " + i)).isNull();
		}

		assertThat(this.tessera.authorizationCode(account, "Target", Tessera.PASSWORD))
			.as("locked: even the right password is refused").isNull();
		assertThat(this.tessera.authorizationCode(account, "Bystander", Tessera.PASSWORD)).isNotNull();
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + account + "/audit-events", root).body())
			.contains("\"type\":\"LoginLockedOut\"", "crn:iam:" + account + ":user/Target");
	}

}
