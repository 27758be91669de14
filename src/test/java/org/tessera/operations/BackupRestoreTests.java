package org.tessera.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.TestDatabase;

/**
 * The backup the operations page prescribes on PostgreSQL, {@code pg_dump} plus the
 * pepper and the key-encryption key, restored into an empty database, gives a server on
 * which existing client secrets authenticate and tokens signed before the backup still
 * verify; with another key-encryption key, a node refuses to start.
 */
@Tag("storage")
class BackupRestoreTests {

	@Test
	void pgDumpWithThePepperAndTheKekRestoresAWorkingServer() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isPostgresql(), "the PostgreSQL backup");
		String pepper = randomKey();
		String kek = randomKey();
		String original = TestDatabase.createDatabase();
		Path root = Path.of("target", "backup", UUID.randomUUID().toString()).toAbsolutePath();
		Files.createDirectories(root);

		ServiceAccountCredentials sa;
		String token;
		String issuer = "http://tessera.backup.test";
		try (ServerProcess server = start(original, issuer, pepper, kek, root.resolve("original"))) {
			Tessera tessera = new Tessera(server.base());
			String account = tessera.signUp();
			String rootToken = tessera.loginRoot(account);
			sa = tessera.createServiceAccount(account, rootToken, "backed-up", List.of(), List.of());
			token = tessera.serviceAccountToken(sa);
		}

		Path dump = root.resolve("tessera.sql");
		run(List.of("pg_dump", "--no-owner", "--dbname=" + libpq(original), "--file=" + dump));
		String restored = TestDatabase.createDatabase();
		run(List.of("psql", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=" + libpq(restored), "--file=" + dump));

		try (ServerProcess server = start(restored, issuer, pepper, kek, root.resolve("restored"))) {
			Tessera tessera = new Tessera(server.base());
			assertThat(tessera.clientCredentials(sa.id(), sa.secret()).status()).as("the secret made before")
				.isEqualTo(200);
			Http.Response introspected = tessera.http()
				.form("/oauth2/introspect", Http.fields("token", token), sa.id(), sa.secret());
			assertThat(introspected.json().get("active").asBoolean()).as("the token signed before").isTrue();
		}

		int port = IntegrationTest.freePort();
		List<String> args = new ArrayList<>(TestDatabase.datasourceArguments(restored));
		args.addAll(List.of("--tessera.secrets.pepper=" + pepper, "--tessera.keys.kek=" + randomKey()));
		try (ServerProcess wrongKek = ServerProcess.authorizationServer(port, issuer, root.resolve("wrong-kek"),
				root.resolve("wrong-kek.log"), List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), args)) {
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (wrongKek.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			assertThat(wrongKek.isAlive()).as("a node with another key-encryption key stops").isFalse();
			assertThat(wrongKek.exitValue()).isNotZero();
			assertThat(Files.readString(wrongKek.log()))
				.contains("is not the one the database's secrets are encrypted under");
		}
	}

	private static ServerProcess start(String database, String issuer, String pepper, String kek, Path dataDir)
			throws IOException {
		int port = IntegrationTest.freePort();
		List<String> args = new ArrayList<>(TestDatabase.datasourceArguments(database));
		args.addAll(List.of("--tessera.secrets.pepper=" + pepper, "--tessera.keys.kek=" + kek));
		// one issuer for both servers, as a restore keeps the public URL
		ServerProcess server = ServerProcess.authorizationServer(port, issuer, dataDir,
				dataDir.resolveSibling(dataDir.getFileName() + ".log"), List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"),
				args);
		server.awaitReady(Duration.ofSeconds(90));
		return server;
	}

	/** The JDBC URL as a libpq connection string, with the test role's password. */
	private static String libpq(String jdbcUrl) {
		return jdbcUrl.replace("jdbc:postgresql://",
				"postgresql://" + TestDatabase.username() + ":" + TestDatabase.password() + "@");
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(command.get(0) + ": " + output).isZero();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
