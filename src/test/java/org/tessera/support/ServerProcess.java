package org.tessera.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A Tessera application (the authorization server or vServer) in a JVM of its own: its
 * start time, CPU and memory are its own, and a test can kill it with SIGKILL the way a
 * crash, an OOM killer or a power cut would (no shutdown hook, no H2 close, no Tomcat
 * drain), or stop it as an operator would. Its output goes to a log file, whose end is
 * shown when it fails to get ready. It never outlives the JVM that started it.
 */
public final class ServerProcess implements AutoCloseable {

	/** The authorization server's main class. */
	public static final String AUTHORIZATION_SERVER = "org.tessera.TesseraApplication";

	/** vServer's main class. */
	public static final String VSERVER = "org.tessera.vserver.VServerApplication";

	/** The authorization server's metadata, which answers 200 once it is ready. */
	public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

	/** USER_HZ, 100 on every Linux this runs on. */
	private static final long CLOCK_TICKS_PER_SECOND = 100;

	private final Process process;

	private final long startedAt;

	private final Path log;

	private final String base;

	private ServerProcess(Process process, long startedAt, Path log, String base) {
		this.process = process;
		this.startedAt = startedAt;
		this.log = log;
		this.base = base;
	}

	/**
	 * Starts {@code mainClass} with these JVM options before the class path and these
	 * arguments after the main class; blank options are left out, and {@code {server}} in
	 * an option becomes the simple name of the main class (e.g. one JFR file per server).
	 */
	public static ServerProcess start(String java, List<String> jvmOptions, String classpath, String mainClass,
			Path log, List<String> args) throws IOException {
		return start(java, jvmOptions, classpath, mainClass, log, args, null);
	}

	/**
	 * The authorization server on this port and data directory, with the test JVM's java
	 * and class path, a 512 MiB heap and C1 only (it starts in half the time on two
	 * cores).
	 */
	public static ServerProcess authorizationServer(int port, Path dataDir, Path log) throws IOException {
		return authorizationServer(port, dataDir, log, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), List.of());
	}

	/**
	 * The authorization server on this port and data directory, with the test JVM's java
	 * and class path, these JVM options and these further arguments. For diagnosis only,
	 * the system property {@code tessera.crash.server-args} adds arguments separated by
	 * blanks ({@code {data-dir}} becomes the data directory), e.g.
	 * {@code --spring.datasource.url=...}; the normal build does not set it.
	 */
	public static ServerProcess authorizationServer(int port, Path dataDir, Path log, List<String> jvmOptions,
			List<String> serverArgs) throws IOException {
		return authorizationServer(port, "http://localhost:" + port, dataDir, log, jvmOptions, serverArgs);
	}

	/**
	 * {@link #authorizationServer(int, Path, Path, List, List)} with an issuer of its
	 * own: a node behind a load balancer, whose issuer is the balancer's URL.
	 */
	public static ServerProcess authorizationServer(int port, String issuer, Path dataDir, Path log,
			List<String> jvmOptions, List<String> serverArgs) throws IOException {
		String base = "http://localhost:" + port;
		List<String> args = new ArrayList<>(
				List.of("--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + dataDir));
		args.addAll(serverArgs);
		String extra = System.getProperty("tessera.crash.server-args", "").replace("{data-dir}", dataDir.toString());
		for (String arg : extra.trim().split("\\s+")) {
			if (!arg.isEmpty()) {
				args.add(arg);
			}
		}
		return start(testJava(), jvmOptions, System.getProperty("java.class.path"), AUTHORIZATION_SERVER, log, args,
				base);
	}

	/** The java executable of the running JVM. */
	public static String testJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The running JVM's class path without the test classes and their logging set-up, so
	 * that a server runs as users run it.
	 */
	public static String classpathWithoutTestClasses() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * {@link #start(String, List, String, String, Path, List)} for a server whose
	 * {@link #base()} is {@code base}.
	 */
	public static ServerProcess start(String java, List<String> jvmOptions, String classpath, String mainClass,
			Path log, List<String> args, String base) throws IOException {
		List<String> command = new ArrayList<>(List.of(java));
		String server = mainClass.substring(mainClass.lastIndexOf('.') + 1);
		jvmOptions.stream()
			.filter((option) -> !option.isBlank())
			.map((option) -> option.replace("{server}", server))
			.forEach(command::add);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(args);
		Path parent = log.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		long startedAt = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		// should the test JVM itself be stopped, the server must not outlive it
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}, "kill-" + server + "-" + process.pid()));
		return new ServerProcess(process, startedAt, log, base);
	}

	/**
	 * {@code http://localhost:port} of a server started by {@link #authorizationServer}.
	 */
	public String base() {
		if (this.base == null) {
			throw new IllegalStateException("started with start(...): its address is in its arguments");
		}
		return this.base;
	}

	/**
	 * Waits until the authorization server's metadata answers 200; see
	 * {@link #awaitReady(String, Duration)}.
	 */
	public Duration awaitReady(Duration timeout) {
		return awaitReady(base() + METADATA_PATH, timeout);
	}

	/**
	 * Polls {@code url} until it answers 200. Returns the time from the start of the
	 * process to ready; throws with the end of the server's log if the process exited or
	 * was not ready in time.
	 */
	public Duration awaitReady(String url, Duration timeout) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(25)).until(() -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("the server process exited with " + this.process.exitValue()
							+ " before it was ready; end of its log " + this.log + ":\n" + logTail(120));
				}
				try {
					return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
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
		return Duration.ofNanos(System.nanoTime() - this.startedAt);
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * SIGKILL to the process and any child it has (destroyForcibly is SIGKILL on Linux);
	 * waits until they are gone.
	 */
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

	/**
	 * Sends SIGTERM, as an operator stopping the server does, and returns at once: the
	 * server shuts down gracefully meanwhile ({@link #close} waits for the end).
	 */
	public void terminate() {
		this.process.destroy();
	}

	/**
	 * Stops the server as an operator would (SIGTERM, so it closes its database) and
	 * waits until it is gone, so that its data directory can be opened by someone else at
	 * once; SIGKILL if it is not gone within 30 seconds.
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

	/** The server's output so far. */
	public Path log() {
		return this.log;
	}

	/** The last lines of the server's output, or why it cannot be read. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/**
	 * CPU time (user + system) the process has used so far, in milliseconds, from /proc
	 * (Linux).
	 */
	public long cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
		// fields after the command name, which is in parentheses: utime and stime are the
		// 12th and 13th
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
	}

	/** Resident set size in MiB, from /proc (Linux); -1 if /proc does not say. */
	public long rssMegabytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
			}
		}
		return -1;
	}

}
