package org.tessera.hardening.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The authorization server as a separate OS process (java -cp of the test JVM's own class path),
 * so that a test can kill it with SIGKILL the way a crash, an OOM killer or a power cut would,
 * with no shutdown hook, no H2 close and no Tomcat drain.
 */
public final class TesseraProcess {

	private final Process process;

	private final Path log;

	private final String base;

	private TesseraProcess(Process process, Path log, String base) {
		this.process = process;
		this.log = log;
		this.base = base;
	}

	static TesseraProcess start(int port, Path dataDir, Path log) throws IOException {
		return start(port, dataDir, log, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), List.of());
	}

	/** A server process with these JVM options before the class path and these arguments after the main class. */
	public static TesseraProcess start(int port, Path dataDir, Path log, List<String> jvmOptions,
			List<String> serverArgs) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String base = "http://localhost:" + port;
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.tessera.TesseraApplication",
				"--server.port=" + port, "--tessera.issuer=" + base, "--tessera.data-dir=" + dataDir));
		command.addAll(serverArgs);
		// For diagnosis only, e.g. -Dtessera.crash.server-args=--spring.datasource.url=...: extra
		// arguments for the server, separated by blanks. Not set in the normal build.
		String extra = System.getProperty("tessera.crash.server-args", "").replace("{data-dir}", dataDir.toString());
		for (String arg : extra.trim().split("\\s+")) {
			if (!arg.isEmpty()) {
				command.add(arg);
			}
		}
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		Process process = builder.start();
		// should the test JVM itself be stopped, the server must not outlive it
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}, "kill-tessera-" + process.pid()));
		return new TesseraProcess(process, log, base);
	}

	public String base() {
		return this.base;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Polls the authorization server metadata until it answers 200. Returns the time it took;
	 * throws with the tail of the server log if the process died or did not get ready in time.
	 */
	public Duration awaitReady(Duration timeout) {
		long start = System.nanoTime();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/.well-known/oauth-authorization-server"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("the server process exited with " + this.process.exitValue()
							+ " before it was ready; end of its log " + this.log + ":\n" + logTail(120));
				}
				try {
					return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
				}
				catch (IOException ex) {
					return false;
				}
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("the server was not ready within " + timeout + "; end of its log " + this.log
					+ ":\n" + logTail(120));
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}


	/** SIGKILL to the process and any child it has (destroyForcibly is SIGKILL on Linux). */
	public void kill() throws InterruptedException {
		List<ProcessHandle> descendants = new ArrayList<>();
		try {
			this.process.descendants().forEach(descendants::add);
		}
		catch (RuntimeException ex) {
			// the process may already be gone
		}
		this.process.destroyForcibly();
		for (ProcessHandle child : descendants) {
			child.destroyForcibly();
		}
		if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
			throw new IllegalStateException("process " + this.process.pid() + " survived SIGKILL for 15 s");
		}
		for (ProcessHandle child : descendants) {
			child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
		}
	}

	public int exitValue() {
		return this.process.exitValue();
	}

	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

}
