package org.tessera.hardening.logs;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tessera.support.CapturingAppender;
import org.tessera.support.SecretsSeen;

/**
 * After each test class (its {@code @AfterAll} methods included), fails that class if a
 * log line of the run holds a secret, password or token that the suite sent or received:
 * new lines are checked against every secret seen so far, earlier lines against the
 * secrets seen since. The bare {@code sa-…} ids and names may appear; their credentials
 * may not. Applied to every test class through JUnit's extension auto-detection
 * ({@code junit-platform.properties} and {@code META-INF/services}), so it needs no class
 * order and blames the class during which the leak was logged.
 */
public final class LogSecretScan implements AfterAllCallback {

	private static final LeakScanner SCANNER = new LeakScanner();

	private static final AtomicBoolean DROPPED_REPORTED = new AtomicBoolean();

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> secrets = SecretsSeen.inOrderSeen();
		List<String> leaks = SCANNER.scan(CapturingAppender.lines(), secrets);
		if (!leaks.isEmpty()) {
			throw new AssertionError("log lines holding one of " + secrets.size() + " secrets seen by the suite,"
					+ " logged during " + context.getDisplayName() + " or before it:\n" + String.join("\n", leaks));
		}
		int dropped = CapturingAppender.dropped();
		if (dropped > 0 && DROPPED_REPORTED.compareAndSet(false, true)) {
			throw new AssertionError("the log capture dropped " + dropped + " lines, which the scan for secrets"
					+ " could not check: raise CapturingAppender's bound");
		}
	}

}
