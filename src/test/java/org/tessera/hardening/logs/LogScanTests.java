package org.tessera.hardening.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.slf4j.LoggerFactory;
import org.tessera.support.CapturingAppender;

/**
 * The scan for secrets in the logs, which {@link LogSecretScan} runs after every test
 * class: the capture sees the run's log lines, a line holding a secret seen by the suite
 * is reported however the line and the secret were ordered, and the scan is applied to
 * every test class.
 */
class LogScanTests {

	@Test
	void theLogCaptureKeepsEveryLineLoggedInTheTestJvm() {
		String marker = "log capture probe " + UUID.randomUUID();
		LoggerFactory.getLogger(LogScanTests.class).info(marker);
		assertThat(CapturingAppender.lines()).anyMatch((line) -> line.contains(marker));
		assertThat(CapturingAppender.dropped()).isZero();
	}

	@Test
	void aLineHoldingASecretSeenByTheSuiteIsReportedAndTheBareIdIsNot() {
		LeakScanner scanner = new LeakScanner();
		List<String> lines = List.of("o.t.Audit created sa-1234567890 bench", "o.t.Login secret s3cr3t-abcdefgh sent");

		assertThat(scanner.scan(lines, List.of("s3cr3t-abcdefgh"))).containsExactly(lines.get(1));
	}

	@Test
	void aSecretFirstSeenAfterItsLineWasLoggedIsStillFound() {
		LeakScanner scanner = new LeakScanner();
		List<String> lines = new ArrayList<>(List.of("o.t.Token issued eyJleaked.token.value"));
		List<String> secrets = new ArrayList<>(List.of("password-1234"));
		assertThat(scanner.scan(lines, secrets)).isEmpty();

		secrets.add("eyJleaked.token.value");
		lines.add("o.t.Other nothing here");

		assertThat(scanner.scan(lines, secrets)).containsExactly("o.t.Token issued eyJleaked.token.value");
	}

	@Test
	void aLeakIsReportedOnceAndALineLoggedLaterWithAnOldSecretIsFound() {
		LeakScanner scanner = new LeakScanner();
		List<String> lines = new ArrayList<>(List.of("first password-1234"));
		List<String> secrets = List.of("password-1234");
		assertThat(scanner.scan(lines, secrets)).hasSize(1);

		lines.add("second password-1234");

		assertThat(scanner.scan(lines, secrets)).containsExactly("second password-1234");
		assertThat(scanner.scan(lines, secrets)).isEmpty();
	}

	@Test
	void aReportedLineIsCutTo300Characters() {
		String line = "x".repeat(400) + " password-1234";
		assertThat(new LeakScanner().scan(List.of(line), List.of("x".repeat(10)))).containsExactly("x".repeat(300));
	}

	@Test
	void theScanIsAppliedToEveryTestClass() throws IOException {
		Properties junit = new Properties();
		try (InputStream in = LogScanTests.class.getResourceAsStream("/junit-platform.properties")) {
			junit.load(in);
		}
		assertThat(junit.getProperty("junit.jupiter.extensions.autodetection.enabled")).isEqualTo("true");
		assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
			.contains(LogSecretScan.class);
	}

}
