package org.tessera.hardening.memory;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.SocketHttp;
import org.tessera.support.Tessera;

/**
 * What strangers and one tenant can make the authorization server hold is bounded: driven
 * in a separate process with the documented small heap (the JVM flags of pom.xml,
 * {@code -Xmx192m}), by thousands of session-creating requests, thousands of revocations,
 * and large bodies of no declared length, the server stays up, its heap after a full
 * collection stays well within bounds, and it serves client-credentials tokens in normal
 * time afterwards.
 */
class SmallHeapTests {

	/** Small, so that the test reaches it: the default is 500,000. */
	private static final int MAX_LIVE_REVOCATIONS = 1_500;

	/**
	 * The heap a server may keep after a full collection, having held everything these
	 * vectors can make it hold.
	 */
	private static final long MAX_HEAP_AFTER_GC_BYTES = 120L * 1024 * 1024;

	private static ServerProcess server;

	private static Tessera tessera;

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeAll
	static void start() throws IOException {
		int port = IntegrationTest.freePort();
		Path data = Path.of("target", "it-data", "small-heap-" + UUID.randomUUID()).toAbsolutePath();
		List<String> jvm = new ArrayList<>(documentedJvmFlags());
		// starts in half the time on two cores; the heap is what this test is about
		jvm.add("-XX:TieredStopAtLevel=1");
		server = ServerProcess.authorizationServer(port, data, data.resolveSibling(data.getFileName() + ".log"), jvm,
				List.of("--tessera.revocation.max-live=" + MAX_LIVE_REVOCATIONS));
		server.awaitReady(Duration.ofSeconds(60));
		tessera = new Tessera(server.base());
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.kill();
		}
	}

	@Test
	void sessionsRevocationsAndLargeBodiesLeaveTheServerUpWithItsHeapBoundedAndServingTokens() throws Exception {
		String account = tessera.signUp();
		String root = tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = tessera.createServiceAccount(account, root, "load", List.of(),
				List.of("vServerFullAccess"));
		Tessera.ServiceAccountCredentials other = tessera.createServiceAccount(account, root, "other", List.of(),
				List.of("vServerFullAccess"));
		Duration before = timeOfTokens(sa, 50);

		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			// 1. strangers' GETs, and logins started by browsers never finished, with
			// URLs near the largest remembered
			String state = "s".repeat(3_800);
			Map<Integer, AtomicInteger> sessionAnswers = drive(pool, 8_000,
					(i) -> (i % 4 == 0) ? get("/anything-" + i, "application/json")
							: get("/oauth2/authorize?response_type=code&client_id=tessera-cli&redirect_uri="
									+ "http://127.0.0.1:53682/callback&code_challenge=" + "c".repeat(43)
									+ "&code_challenge_method=S256&state=" + state + i, "text/html"));
			// past the documented cap of 5,000 sessions, a login that starts is refused
			// with 503
			assertThat(sessionAnswers.keySet()).as(sessionAnswers.toString()).containsExactlyInAnyOrder(302, 404, 503);
			assertThat(sessionAnswers.get(302).get()).as(sessionAnswers.toString()).isLessThanOrEqualTo(5_000);

			// 2. one tenant's two clients revoking more of their tokens than the list
			// holds
			Map<Integer, AtomicInteger> revocations = drive(pool, MAX_LIVE_REVOCATIONS + 300, (i) -> {
				Tessera.ServiceAccountCredentials client = (i % 2 == 0) ? sa : other;
				String token = tessera.serviceAccountToken(client);
				return tessera.http()
					.form("/oauth2/revoke", Http.fields("token", token), client.id(), client.secret())
					.status();
			});
			assertThat(revocations.keySet()).as(revocations.toString()).containsExactlyInAnyOrder(200, 503);
			assertThat(revocations.get(200).get()).isLessThanOrEqualTo(MAX_LIVE_REVOCATIONS);

			// 3. bodies of no declared length, megabytes each, at sign-up (no login
			// needed)
			byte[] large = new byte[1_500_000];
			Arrays.fill(large, (byte) 'a');
			Map<Integer, AtomicInteger> bodies = drive(pool, 200,
					(i) -> SocketHttp
						.sendChunked(server.base(), "POST", "/iam/v1/accounts", ",chunked", large, "Content-Type",
								"application/json")
						.status());
			assertThat(bodies.keySet()).as(bodies.toString()).containsExactly(413);
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(server.isAlive()).as(server.logTail(60)).isTrue();
		long heapAfterGc = heapUsedAfterFullGc();
		assertThat(heapAfterGc).as("heap used after a full collection").isLessThan(MAX_HEAP_AFTER_GC_BYTES);
		Duration after = timeOfTokens(sa, 50);
		assertThat(after).as("50 tokens after the load, against %s before", before)
			.isLessThan(before.multipliedBy(3).plusSeconds(2));
		assertThat(Files.readString(logOf())).doesNotContain("OutOfMemoryError");
	}

	/**
	 * The JVM flags the server is documented to run with: pom.xml's
	 * {@code spring-boot.run.jvmArguments}.
	 */
	private static List<String> documentedJvmFlags() throws IOException {
		Matcher flags = Pattern.compile("<spring-boot\\.run\\.jvmArguments>([^<]+)</spring-boot\\.run\\.jvmArguments>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(flags.find()).as("pom.xml names the server's JVM flags").isTrue();
		List<String> parsed = List.of(flags.group(1).trim().split("\\s+"));
		assertThat(parsed).contains("-Xmx192m");
		return parsed;
	}

	private static Duration timeOfTokens(Tessera.ServiceAccountCredentials sa, int count) {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Http.Response token = tessera.clientCredentials(sa.id(), sa.secret());
			assertThat(token.status()).as(token.toString()).isEqualTo(200);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static int get(String path, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs {@code count} requests on the pool, at most 45 s in all; counts their answers
	 * by status.
	 */
	private static Map<Integer, AtomicInteger> drive(ExecutorService pool, int count, IntFunction<Integer> request)
			throws Exception {
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int n = i;
			futures.add(pool.submit(
					() -> statuses.computeIfAbsent(request.apply(n), (s) -> new AtomicInteger()).incrementAndGet()));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
		for (Future<?> future : futures) {
			future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		return statuses;
	}

	/** jcmd's GC.run, then the used heap of GC.heap_info (every generation's "used"). */
	private static long heapUsedAfterFullGc() throws Exception {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
		long kilobytes = 0;
		boolean found = false;
		while (used.find()) {
			kilobytes += Long.parseLong(used.group(1));
			found = true;
		}
		assertThat(found).as(info).isTrue();
		return kilobytes * 1024;
	}

	private static String jcmd(String command) throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, String.valueOf(server.pid()), command).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static Path logOf() throws IOException {
		try (var files = Files.list(Path.of("target", "it-data"))) {
			return files
				.filter((file) -> file.getFileName().toString().startsWith("small-heap-")
						&& file.getFileName().toString().endsWith(".log"))
				.max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
				.orElseThrow();
		}
	}

}
