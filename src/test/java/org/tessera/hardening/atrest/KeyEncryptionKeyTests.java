package org.tessera.hardening.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tessera.hardening.atrest.DataDirs.Server;
import org.tessera.oauth.key.SigningKeys;

/**
 * The key-encryption key is what makes the stored signing keys usable: with another key,
 * or none, the server refuses to start and says what to restore, instead of making a new
 * signing key that would invalidate every token issued; a sealed key copied into another
 * row does not open.
 */
class KeyEncryptionKeyTests {

	@Test
	void withAnotherKeyEncryptionKeyTheServerRefusesToStartAndReplacesNothing() {
		Path data = DataDirs.fresh();
		String kid = activeKeyId(data);

		assertThatThrownBy(() -> DataDirs.start(data, "--tessera.keys.kek=" + randomKey()).close())
			.hasStackTraceContaining("is not the one the database's secrets are encrypted under");

		assertThat(activeKeyId(data)).isEqualTo(kid);
	}

	@Test
	void withoutItsKeyEncryptionKeyFileTheServerRefusesToStartUntilTheFileIsRestored() throws Exception {
		Path data = DataDirs.fresh();
		String kid = activeKeyId(data);
		Path file = data.resolve("key-encryption.key");
		String backup = Files.readString(file);
		Files.delete(file);

		assertThatThrownBy(() -> DataDirs.start(data).close()).hasStackTraceContaining(file + " does not exist");
		assertThat(file).as("no new key-encryption key is made").doesNotExist();

		Files.writeString(file, backup);
		assertThat(activeKeyId(data)).isEqualTo(kid);
	}

	@Test
	void aKeyEncryptionKeyGivenByConfigurationIsNeverWrittenToTheDataDirectory() {
		Path data = DataDirs.fresh();
		String kek = "--tessera.keys.kek=" + randomKey();
		String kid = activeKeyId(data, kek);

		assertThat(data.resolve("key-encryption.key")).doesNotExist();
		assertThat(activeKeyId(data, kek)).isEqualTo(kid);
		assertThatThrownBy(() -> DataDirs.start(data).close()).hasStackTraceContaining("does not exist");
	}

	@Test
	void aSealedSigningKeyCopiedIntoAnotherRowDoesNotOpen() throws Exception {
		Path data = DataDirs.fresh();
		activeKeyId(data);
		activeKeyId(data, "--tessera.signing.algorithm=EdDSA");
		try (Connection db = DataDirs.database(data); Statement statement = db.createStatement()) {
			List<String[]> rows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT kid, sealed_jwk FROM signing_key")) {
				while (rs.next()) {
					rows.add(new String[] { rs.getString(1), rs.getString(2) });
				}
			}
			assertThat(rows).hasSize(2);
			statement.execute("UPDATE signing_key SET sealed_jwk = '" + rows.get(1)[1] + "' WHERE kid = '"
					+ rows.get(0)[0] + "'");
		}

		assertThatThrownBy(() -> DataDirs.start(data).close())
			.hasStackTraceContaining("The stored signing keys cannot be decrypted")
			.hasStackTraceContaining("does not decrypt");
	}

	private static String activeKeyId(Path data, String... args) {
		try (Server server = DataDirs.start(data, args)) {
			return server.context().getBean(SigningKeys.class).activeKeyId();
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
