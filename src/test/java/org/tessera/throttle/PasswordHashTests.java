package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * People's passwords are Argon2id, which reads every byte; BCrypt hashes stored by older
 * versions still log in once and are Argon2id afterwards, but never with a password past
 * BCrypt's 72 bytes.
 */
class PasswordHashTests extends IntegrationTest {

	private static final String SEVENTY_TWO_BYTES = "p".repeat(72);

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aSeventyTwoBytePasswordFollowedByAnythingElseDoesNotLogIn() {
		String account = signUp(SEVENTY_TWO_BYTES);

		assertThat(this.tessera.authorizationCode(account, "", SEVENTY_TWO_BYTES + "anything")).isNull();
		assertThat(this.tessera.authorizationCode(account, "", SEVENTY_TWO_BYTES)).isNotNull();
	}

	@Test
	void aPasswordOfOneHundredTwentyEightBytesCountsToItsLastByteAndALongerOneIsRefusedByName() {
		String longest = "q".repeat(127) + "r";
		String account = signUp(longest);
		String root = this.tessera.login(account, "", longest);

		Http.Response tooLong = this.tessera.http()
			.post("/iam/v1/accounts/" + account + "/users", root, Map.of("name", "Long", "password", longest + "s"));

		assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
		assertThat(tooLong.json().get("detail").asString()).contains("password", "at most 128 bytes");
		assertThat(this.tessera.authorizationCode(account, "", "q".repeat(128))).isNull();
		assertThat(this.tessera.authorizationCode(account, "", longest)).isNotNull();
	}

	@Test
	void aBcryptHashOfAnOlderVersionLogsInOnceAndIsArgon2Afterwards() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Old");
		String bcrypt = new BCryptPasswordEncoder().encode(Tessera.PASSWORD);
		this.jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?").params(bcrypt, account).update();
		this.jdbc.sql("UPDATE iam_user SET password_hash = ? WHERE account_id = ? AND name_key = 'old'")
			.params(bcrypt, account)
			.update();

		assertThat(this.tessera.authorizationCode(account, "", Tessera.PASSWORD)).isNotNull();
		assertThat(this.tessera.authorizationCode(account, "Old", Tessera.PASSWORD)).isNotNull();

		assertThat(rootHash(account)).startsWith("{argon2}$argon2id$");
		assertThat(this.jdbc.sql("SELECT password_hash FROM iam_user WHERE account_id = ? AND name_key = 'old'")
			.param(account)
			.query(String.class)
			.single()).startsWith("{argon2}$argon2id$");
		assertThat(this.tessera.authorizationCode(account, "", Tessera.PASSWORD)).isNotNull();
		assertThat(this.tessera.authorizationCode(account, "Old", Tessera.PASSWORD)).isNotNull();
		assertThat(this.tessera.authorizationCode(account, "", "wrong password")).isNull();
	}

	@Test
	void anOlderBcryptHashNeverMatchesAPasswordLongerThanSeventyTwoBytes() {
		String account = this.tessera.signUp();
		String bcrypt = new BCryptPasswordEncoder().encode(SEVENTY_TWO_BYTES);
		this.jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?").params(bcrypt, account).update();

		assertThat(this.tessera.authorizationCode(account, "", SEVENTY_TWO_BYTES + "x")).isNull();
		assertThat(rootHash(account)).as("a refused login upgrades nothing").isEqualTo(bcrypt);
		assertThat(this.tessera.authorizationCode(account, "", SEVENTY_TWO_BYTES)).isNotNull();
		assertThat(rootHash(account)).startsWith("{argon2}");
	}

	@Test
	void newPasswordsAreStoredAsArgon2id() {
		String account = this.tessera.signUp();

		assertThat(rootHash(account)).startsWith("{argon2}$argon2id$v=19$m=16384,t=2,p=1$");
	}

	private String rootHash(String account) {
		return this.jdbc.sql("SELECT password_hash FROM account WHERE id = ?")
			.param(account)
			.query(String.class)
			.single();
	}

	private String signUp(String password) {
		Http.Response response = this.tessera.http()
			.post("/iam/v1/accounts", null,
					Map.of("email", "root-" + UUID.randomUUID() + "@example.test", "password", password));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

}
