package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3cmd (Debian's package), configured for vStorage with SigV4 and plain HTTP, makes a
 * bucket, puts, lists, gets and deletes an object and removes the bucket. s3cmd uses
 * ListObjects v1 and asks for the bucket's location. Skipped where s3cmd is not
 * installed, except on CI.
 */
class S3cmdTests {

	private static final Path S3CMD = Path.of("/usr/bin/s3cmd");

	private static StubSigningKeys tessera;

	private static StubSigningKeys.RunningVStorage vStorage;

	@TempDir
	Path directory;

	@BeforeAll
	static void start() throws IOException {
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(Files.isExecutable(S3CMD), "s3cmd is not installed (apt-get install -y s3cmd)");
		}
		tessera = StubSigningKeys.start();
		vStorage = tessera.startVStorage();
	}

	@AfterAll
	static void stop() {
		if (vStorage != null) {
			vStorage.close();
			tessera.close();
		}
	}

	@Test
	void s3cmdMakesABucketPutsListsGetsDeletesAndRemovesIt() throws Exception {
		StubSigningKeys.AccessKey key = tessera.fullAccess("53461");
		Path config = this.directory.resolve("s3cfg");
		String host = vStorage.url().substring("http://".length());
		Files.writeString(config,
				String.join("\n", "[default]", "access_key = " + key.id(), "secret_key = " + key.secret(),
						"host_base = " + host, "host_bucket = " + host, "use_https = False", "signature_v2 = False",
						"bucket_location = us-east-1", ""));
		Path file = this.directory.resolve("report file.txt");
		Files.writeString(file, "quarterly numbers\n".repeat(1000));
		Path copy = this.directory.resolve("copy.txt");

		s3cmd(config, "mb", "s3://reports");
		s3cmd(config, "put", file.toString(), "s3://reports/2026/q4/report file.txt");
		assertThat(s3cmd(config, "ls", "s3://reports")).contains("DIR").contains("s3://reports/2026/");
		assertThat(s3cmd(config, "ls", "-r", "s3://reports")).contains("s3://reports/2026/q4/report file.txt");
		assertThat(s3cmd(config, "ls")).contains("s3://reports");
		s3cmd(config, "get", "s3://reports/2026/q4/report file.txt", copy.toString());
		assertThat(Files.readString(copy)).isEqualTo(Files.readString(file));
		s3cmd(config, "del", "s3://reports/2026/q4/report file.txt");
		assertThat(s3cmd(config, "ls", "-r", "s3://reports")).doesNotContain("report file.txt");
		s3cmd(config, "rb", "s3://reports");
		assertThat(s3cmd(config, "ls")).doesNotContain("s3://reports");
	}

	private static String s3cmd(Path config, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(S3CMD.toString(), "-c", config.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(String.join(" ", arguments) + ":\n" + output).isZero();
		return output;
	}

}
