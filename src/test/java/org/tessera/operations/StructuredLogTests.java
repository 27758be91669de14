package org.tessera.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import tools.jackson.databind.JsonNode;

/**
 * One setting, Boot's {@code logging.structured.format.console}, turns the console into
 * JSON lines, through Tessera's own asynchronous console appender; without it the console
 * keeps Boot's pattern.
 */
class StructuredLogTests {

	@Test
	void logStructuredFormatConsoleWritesEveryLineAsJson() throws Exception {
		List<String> lines = consoleOf("--logging.structured.format.console=ecs");

		assertThat(lines).isNotEmpty();
		assertThat(lines).allSatisfy((line) -> assertThat(line).startsWith("{"));
		JsonNode started = lines.stream()
			.map((line) -> Http.JSON.readTree(line))
			.filter((json) -> json.path("message").asString("").startsWith("Started TesseraApplication"))
			.findFirst()
			.orElseThrow();
		assertThat(started.path("log").path("level").asString("")).isEqualTo("INFO");
		assertThat(started.path("ecs").path("version").asString("")).isNotEmpty();
	}

	@Test
	void withoutTheSettingTheConsoleKeepsBootsPattern() throws Exception {
		List<String> lines = consoleOf();

		assertThat(lines).anySatisfy((line) -> assertThat(line).contains(" INFO ", "Started TesseraApplication"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).startsWith("{\""));
	}

	/**
	 * The console lines of a server started with the jar's logging set-up, once ready.
	 */
	private static List<String> consoleOf(String... settings) throws Exception {
		Path data = Path.of("target", "log-data", UUID.randomUUID().toString()).toAbsolutePath();
		Path log = data.resolveSibling(data.getFileName() + ".log");
		int port = IntegrationTest.freePort();
		List<String> args = new ArrayList<>(
				List.of("--server.port=" + port, "--tessera.issuer=http://localhost:" + port,
						"--tessera.data-dir=" + data, "--spring.main.banner-mode=off"));
		args.addAll(List.of(settings));
		try (ServerProcess server = ServerProcess.start(ServerProcess.testJava(),
				List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), ServerProcess.classpathWithoutTestClasses(),
				ServerProcess.AUTHORIZATION_SERVER, log, args)) {
			server.awaitReady("http://localhost:" + port + ServerProcess.METADATA_PATH, Duration.ofSeconds(90));
		}
		// the JVM's own warnings are not the logger's
		return Files.readAllLines(log)
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("OpenJDK 64-Bit Server VM warning"))
			.toList();
	}

}
