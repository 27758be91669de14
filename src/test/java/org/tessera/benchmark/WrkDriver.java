package org.tessera.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives load with wrk (HTTP/1.1 keep-alive, two threads) and reads its latency report.
 */
final class WrkDriver implements LoadDriver {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

	static boolean available() {
		try {
			return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	@Override
	public String name() {
		return "wrk";
	}

	@Override
	public LoadResult run(LoadRequest request, int connections, Duration duration) throws Exception {
		Path script = Files.createTempFile("tessera-wrk", ".lua");
		StringBuilder lua = new StringBuilder("wrk.method = \"" + request.method() + "\"\n");
		lua.append("wrk.body = \"").append(request.body()).append("\"\n");
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			lua.append("wrk.headers[\"")
				.append(header.getKey())
				.append("\"] = \"")
				.append(header.getValue())
				.append("\"\n");
		}
		Files.writeString(script, lua);
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), request.url()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		Files.deleteIfExists(script);
		return new LoadResult(number(RATE, output), latency(output, "50%"), latency(output, "99%"), errors(output));
	}

	private static double number(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no " + pattern + ":\n" + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	/** wrk prints "50% 1.23ms" (or us, s) in its latency distribution. */
	private static double latency(String output, String percentile) {
		Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
		if (!matcher.find()) {
			return Double.NaN;
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

	private static long errors(String output) {
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		return errors;
	}

}
