package org.tessera.hardening.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the log lines that hold a secret. Called again and again with the lines and
 * secrets of the run so far (both only ever grow), it checks each pair of line and secret
 * exactly once: new lines against every secret, and earlier lines against the secrets
 * seen since, so a secret first seen after its line was logged is still found. Each
 * leaking line is reported once.
 */
final class LeakScanner {

	private static final int EXCERPT = 300;

	private int linesScanned;

	private int secretsScanned;

	/**
	 * The lines among {@code lines} not yet reported that hold one of {@code secrets},
	 * cut to 300 characters.
	 */
	synchronized List<String> scan(List<String> lines, List<String> secrets) {
		List<String> newSecrets = secrets.subList(Math.min(this.secretsScanned, secrets.size()), secrets.size());
		List<String> leaks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			for (String secret : (i < this.linesScanned) ? newSecrets : secrets) {
				if (line.contains(secret)) {
					leaks.add(line.substring(0, Math.min(line.length(), EXCERPT)));
					break;
				}
			}
		}
		this.linesScanned = Math.max(this.linesScanned, lines.size());
		this.secretsScanned = Math.max(this.secretsScanned, secrets.size());
		return leaks;
	}

}
