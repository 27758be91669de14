package org.tessera.hardening.atrest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.hardening.atrest.DataDirs.Server;
import org.tessera.oauth.key.SigningAlgorithm;
import org.tessera.oauth.key.SigningKeys;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Upgrading from a version that stored the signing key in clear: on the first start the
 * key is sealed, the clear text is gone from the database file (H2 would otherwise keep
 * it in old pages), the same key goes on signing, and tokens it signed keep verifying
 * after further restarts.
 */
class SigningKeyUpgradeTests {

	@Test
	void aSigningKeyStoredInClearByAnOlderVersionIsSealedOnStartAndGoesOnSigning() throws Exception {
		Path data = DataDirs.fresh();
		ECKey old = (ECKey) SigningAlgorithm.ES256.generateKey();
		writeTheOldWay(data, old);
		String clearD = old.getD().toString();
		assertThat(DataDirs.filesContaining(data, clearD)).as("precondition: the old version left d in clear")
			.isNotEmpty();

		String token;
		ServiceAccountCredentials sa;
		String jwks;
		int port = IntegrationTest.freePort();
		try (Server server = DataDirs.start(data, port)) {
			JWK active = server.context().getBean(SigningKeys.class).activeKey();
			assertThat(active.getKeyID()).isEqualTo(old.getKeyID());
			assertThat(((ECKey) active).getD()).isEqualTo(old.getD());
			Map<String, Object> row = server.context()
				.getBean(JdbcClient.class)
				.sql("SELECT jwk, sealed_jwk FROM signing_key WHERE kid = ?")
				.param(old.getKeyID())
				.query()
				.singleRow();
			assertThat(row.get("JWK")).isNull();
			assertThat(row.get("SEALED_JWK")).isNotNull();
			assertThat(DataDirs.filesContaining(data, clearD)).as("d in clear, while running").isEmpty();
			assertThat(DataDirs.filesContaining(data, old.getD().decode())).as("d raw, while running").isEmpty();

			Tessera tessera = new Tessera(server.issuer());
			String account = tessera.signUp();
			sa = tessera.createServiceAccount(account, tessera.loginRoot(account), "Upgraded", List.of(), List.of());
			token = tessera.serviceAccountToken(sa);
			assertThat(Tessera.header(token).get("kid").asString()).isEqualTo(old.getKeyID());
			jwks = tessera.http().get("/oauth2/jwks", null).body();
			assertThat(jwks).contains(old.getKeyID()).doesNotContain(clearD);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tessera.mv.db"))))
				.as("a file the older version made with the umask")
				.isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
		}
		assertThat(DataDirs.filesContaining(data, clearD)).as("d in clear, after stop").isEmpty();

		try (Server again = DataDirs.start(data, port)) {
			Tessera tessera = new Tessera(again.issuer());
			assertThat(tessera.http().get("/oauth2/jwks", null).body()).isEqualTo(jwks);
			Http.Response introspection = tessera.http()
				.form("/oauth2/introspect", Http.fields("token", token), sa.id(), sa.secret());
			assertThat(introspection.json().get("active").asBoolean()).as(introspection.toString()).isTrue();
			assertThat(Tessera.header(tessera.serviceAccountToken(sa)).get("kid").asString()).isEqualTo(old.getKeyID());
		}
	}

	/**
	 * The database as the previous version left it: its schema, its clear signing key,
	 * some other data (a database of a few megabytes, where H2 does not rewrite the whole
	 * file on close), and files with the permissions of the umask.
	 */
	private static void writeTheOldWay(Path data, JWK key) throws Exception {
		Files.createDirectories(data);
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Flyway.configure()
			.dataSource(DataDirs.jdbcUrl(data), "tessera", "")
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.target("8")
			.load()
			.migrate();
		try (Connection db = DataDirs.database(data)) {
			try (PreparedStatement insert = db
				.prepareStatement("INSERT INTO signing_key (kid, algorithm, jwk, created_at) VALUES (?, ?, ?, ?)")) {
				insert.setString(1, key.getKeyID());
				insert.setString(2, "ES256");
				insert.setString(3, key.toJSONString());
				insert.setTimestamp(4, Timestamp.from(Instant.now()));
				insert.executeUpdate();
			}
			try (Statement statement = db.createStatement()) {
				statement.execute("CREATE TABLE older_data (id INT PRIMARY KEY, v VARCHAR(200))");
				statement.execute("INSERT INTO older_data SELECT X, REPEAT('z', 150) || X FROM SYSTEM_RANGE(1, 20000)");
			}
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tessera.mv.db"))))
			.isEqualTo("rw-r--r--");
	}

}
