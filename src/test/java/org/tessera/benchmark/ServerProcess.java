package org.tessera.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Tessera application in its own JVM, so its start time and memory are its own. */
final class ServerProcess implements AutoCloseable {

	/** USER_HZ, 100 on every Linux this runs on. */
	private static final long CLOCK_TICKS_PER_SECOND = 100;

	private final Process process;

	private final long startedAt;

	private ServerProcess(Process process, long startedAt) {
		this.process = process;
		this.startedAt = startedAt;
	}

	static ServerProcess start(String java, List<String> jvmOptions, String classpath, String mainClass, Path log,
			String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(java));
		// {server} in an option becomes the application's name, e.g. one JFR file per server
		String server = mainClass.substring(mainClass.lastIndexOf('.') + 1);
		jvmOptions.stream()
			.filter((option) -> !option.isBlank())
			.map((option) -> option.replace("{server}", server))
			.forEach(command::add);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(List.of(args));
		long startedAt = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ServerProcess(process, startedAt);
	}

	/** Polls {@code url} until it answers 200; returns milliseconds from process start to ready. */
	long awaitReady(String url) {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(25)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the server process exited with " + this.process.exitValue());
			}
			try {
				return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return (System.nanoTime() - this.startedAt) / 1_000_000;
	}

	/** CPU time (user + system) the process has used so far, in milliseconds, from /proc (Linux). */
	long cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
		// fields after the command name, which is in parentheses: utime and stime are the 12th and 13th
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
	}

	/** Resident set size in MiB, from /proc (Linux). */
	long rssMegabytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
			}
		}
		return -1;
	}

	/**
	 * Stops the server as an operator would (SIGTERM, so it closes its database) and waits until
	 * it is gone, so that its data directory can be opened by someone else at once.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
