package org.tessera.hardening.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.tessera.support.CapturingAppender;
import org.tessera.support.SecretsSeen;

/**
 * Issue 6 point 7: after every other test class (see {@code junit-platform.properties}), no
 * secret, password or token that the suite sent or received appears in any log line of the
 * run. The bare {@code sa-…} ids and names may appear; their credentials may not.
 */
@Order(Integer.MAX_VALUE)
class LogScanTests {

	@Test
	void noSecretPasswordOrTokenOfTheWholeRunAppearsInAnyLogLine() {
		List<String> lines = CapturingAppender.lines();
		Set<String> secrets = SecretsSeen.all();
		assumeTrue(!secrets.isEmpty(), "meaningful only after the other test classes of the run");
		assertThat(lines).as("the log capture works").anyMatch((line) -> line.contains("Started "));
		assertThat(CapturingAppender.dropped()).isZero();

		List<String> leaks = new ArrayList<>();
		for (String line : lines) {
			for (String secret : secrets) {
				if (line.contains(secret)) {
					leaks.add(line.substring(0, Math.min(line.length(), 300)));
				}
			}
		}

		assertThat(leaks).as("log lines holding one of %d secrets seen by the suite", secrets.size()).isEmpty();
	}

}
