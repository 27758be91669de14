package org.tessera.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.web.PageRequest;

import tools.jackson.databind.JsonNode;

/**
 * Issue 7, point 3: does a large store slow the server down? Measures client credentials
 * at 64 connections on a near-empty store, stops the server, seeds 100,000 service
 * accounts and 10,000 account policies into its database ({@link StoreSeeder}), restarts
 * it on the same data and measures again; then walks and times the pages of the list
 * endpoints of the fullest account, and the audit list of a new account, which has no
 * events among everyone else's. Prints two tables: both token figures and their
 * difference against the 10% the issue allows, and per page p50, p99 and max milliseconds
 * against its 50 ms; then whether each walk was complete. Run with
 * {@code mvn -Pbenchmark verify -Dbenchmark.main=org.tessera.benchmark.ScaleBenchmark}.
 */
public final class ScaleBenchmark {

	private static final int CONNECTIONS = 64;

	private static final double ALLOWED_CHANGE_PERCENT = 10;

	private static final double PAGE_LIMIT_MILLIS = 50;

	private ScaleBenchmark() {
	}

	/** The run's settings, from {@code benchmark.*} system properties. */
	private record Settings(String java, List<String> jvmOptions, String serverClasspath, Duration measure,
			Duration warmup, int serviceAccounts, int policies, int pageRequests) {

		static Settings fromSystemProperties() {
			// The server runs as users run it: without the test classes and their logging
			// set-up
			String serverClasspath = ServerProcess.classpathWithoutTestClasses();
			return new Settings(System.getProperty("benchmark.java", "java"),
					List.of(System.getProperty("benchmark.serverJvmArgs", "").split("\\s+")), serverClasspath,
					Duration.ofSeconds(Long.getLong("benchmark.seconds", 20)),
					Duration.ofSeconds(Long.getLong("benchmark.warmup", 10)),
					Integer.getInteger("benchmark.serviceAccounts", 100_000),
					Integer.getInteger("benchmark.policies", 10_000),
					Integer.getInteger("benchmark.pageRequests", 200));
		}

	}

	/** One server run on the benchmark's data directory and port. */
	private record Server(Settings settings, Path dir, int port) {

		String issuer() {
			return "http://localhost:" + this.port;
		}

		ServerProcess start(String log) throws Exception {
			return ServerProcess.start(this.settings.java(), this.settings.jvmOptions(),
					this.settings.serverClasspath(), ServerProcess.AUTHORIZATION_SERVER, this.dir.resolve(log),
					List.of("--server.port=" + this.port, "--tessera.issuer=" + issuer(),
							"--tessera.data-dir=" + this.dir.resolve("data")));
		}

		long awaitReady(ServerProcess process) {
			return process.awaitReady(issuer() + ServerProcess.METADATA_PATH, TokenBenchmark.READY_TIMEOUT).toMillis();
		}

	}

	/** The benchmark's own account and the service account that asks for tokens. */
	private record Bench(String account, ServiceAccountCredentials client) {
	}

	/**
	 * Client credentials on the near-empty and on the seeded store, and the seeded
	 * server's start.
	 */
	private record Tokens(TokenBenchmark.Measured empty, TokenBenchmark.Measured seeded, long seededReadyMillis) {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		Path dir = Files.createDirectories(Path.of("target", "benchmark", "scale-" + System.currentTimeMillis()))
			.toAbsolutePath();
		Server server = new Server(settings, dir, IntegrationTest.freePort());
		LoadDriver driver = LoadDriver.best();
		Tessera tessera = new Tessera(server.issuer());

		Bench bench;
		TokenBenchmark.Measured empty;
		try (ServerProcess process = server.start("server-empty.log")) {
			server.awaitReady(process);
			bench = prepare(tessera);
			empty = clientCredentials(driver, server, process, bench, settings);
		}
		StoreSeeder.Seeded seeded = StoreSeeder.seed(dir.resolve("data"), bench.account(), settings.serviceAccounts(),
				settings.policies());
		try (ServerProcess process = server.start("server-seeded.log")) {
			long ready = server.awaitReady(process);
			TokenBenchmark.Measured full = clientCredentials(driver, server, process, bench, settings);
			ListPages pages = new ListPages(settings.pageRequests());
			// Every walk before any timing: the writes between timed requests add audit
			// events
			List<ListPages.Walk> walks = new ArrayList<>();
			for (ListPages.Endpoint endpoint : endpoints(tessera, bench, seeded.big())) {
				for (Integer pageSize : new Integer[] { null, PageRequest.MAX_PAGE_SIZE }) {
					walks.add(pages.walk(endpoint, pageSize));
				}
			}
			List<ListPages.Timing> timings = new ArrayList<>();
			for (ListPages.Walk walk : walks) {
				timings.addAll(pages.time(walk));
			}
			print(settings, driver, seeded, new Tokens(empty, full, ready), walks, timings);
		}
	}

	private static Bench prepare(Tessera tessera) {
		String account = tessera.signUp();
		String root = tessera.loginRoot(account);
		return new Bench(account,
				tessera.createServiceAccount(account, root, "bench", List.of(), List.of("vServerFullAccess")));
	}

	/**
	 * Warm-up, then the measured run, at {@value #CONNECTIONS} connections, with the
	 * server's CPU per token.
	 */
	private static TokenBenchmark.Measured clientCredentials(LoadDriver driver, Server server, ServerProcess process,
			Bench bench, Settings settings) throws Exception {
		LoadRequest request = TokenBenchmark.form(server.issuer() + "/oauth2/token", bench.client(),
				"grant_type=client_credentials");
		driver.run(request, CONNECTIONS, settings.warmup());
		return TokenBenchmark.measured(driver, request, CONNECTIONS, settings.measure(), process);
	}

	/**
	 * The lists of the benchmark's account, and the audit list of a new account, which
	 * has no events among everyone else's. Between timed requests the benchmark's service
	 * account or first policy gets a new description (the former is audited); users have
	 * no write without a password hash, which would cost more than the page, so their
	 * table stays as it is.
	 */
	private static List<ListPages.Endpoint> endpoints(Tessera tessera, Bench bench, StoreSeeder.Counts big) {
		String root = tessera.loginRoot(bench.account());
		String path = "/iam/v1/accounts/" + bench.account();
		String base = tessera.http().base() + path;
		ListPages.Write touchServiceAccount = touch(tessera.http(), root, "PATCH",
				path + "/service-accounts/" + bench.client().id(), Map.of());
		JsonNode policy = tessera.http().get(path + "/policies?pageSize=1", root).json().get("items").get(0);
		ListPages.Write touchPolicy = touch(tessera.http(), root, "PUT",
				path + "/policies/" + policy.get("name").asString(),
				Map.of("name", policy.get("name").asString(), "statements", policy.get("statements")));
		String fresh = tessera.signUp();
		return List.of(
				new ListPages.Endpoint("service accounts", base + "/service-accounts", root, "id",
						big.serviceAccounts(), touchServiceAccount),
				new ListPages.Endpoint("policies", base + "/policies", root, "name", big.policies(), touchPolicy),
				new ListPages.Endpoint("users", base + "/users", root, "name", big.users(), ListPages.Write.NONE),
				new ListPages.Endpoint("audit events", base + "/audit-events", root, "id", big.auditEvents(),
						touchServiceAccount),
				new ListPages.Endpoint("audit events, new account",
						tessera.http().base() + "/iam/v1/accounts/" + fresh + "/audit-events", tessera.loginRoot(fresh),
						"id", 0, touchServiceAccount));
	}

	/**
	 * A new description for the service account (PATCH) or the policy (PUT of the whole
	 * document) at {@code path}.
	 */
	private static ListPages.Write touch(Http http, String token, String method, String path,
			Map<String, Object> document) {
		AtomicLong count = new AtomicLong();
		return () -> {
			Map<String, Object> body = new LinkedHashMap<>(document);
			body.put("description", "touched by ScaleBenchmark " + count.incrementAndGet());
			Http.Response response = "PUT".equals(method) ? http.put(path, token, body) : http.patch(path, token, body);
			if (response.status() != 200) {
				throw new IllegalStateException(path + " answered " + response);
			}
		};
	}

	private static void print(Settings settings, LoadDriver driver, StoreSeeder.Seeded seeded, Tokens tokens,
			List<ListPages.Walk> walks, List<ListPages.Timing> timings) throws Exception {
		String flags = String.join(" ", settings.jvmOptions()).strip();
		System.out.printf(
				"%nTessera scale benchmark, %s: JDK %s, server JVM flags [%s], driver %s, %d s per run after %d s warm-up%n%n",
				LocalDateTime.now().withNano(0), TokenBenchmark.jdk(settings.java()),
				flags.isEmpty() ? "defaults" : flags, driver.name(), settings.measure().toSeconds(),
				settings.warmup().toSeconds());
		System.out.printf(
				"store: %,d service accounts, %,d account policies, %,d attachments, %,d users, %,d audit events in %,d accounts%n",
				seeded.serviceAccounts(), seeded.policies(), seeded.attachments(), seeded.users(), seeded.auditEvents(),
				seeded.accounts());
		System.out.printf("seeded through JDBC in %.1f s; seeded server start to ready %d ms%n%n",
				seeded.took().toMillis() / 1000.0, tokens.seededReadyMillis());
		printTokens(tokens, seeded);
		printPages(timings);
		printWalks(walks);
	}

	private static void printTokens(Tokens tokens, StoreSeeder.Seeded seeded) {
		LoadResult empty = tokens.empty().load();
		LoadResult full = tokens.seeded().load();
		double rate = change(empty.requestsPerSecond(), full.requestsPerSecond());
		double p50 = change(empty.p50Millis(), full.p50Millis());
		double p99 = change(empty.p99Millis(), full.p99Millis());
		double cpu = change(tokens.empty().cpuMicrosPerRequest(), tokens.seeded().cpuMicrosPerRequest());
		String row = "| %-52s | %9s | %8s | %8s | %6s | %14s |%n";
		System.out.printf(row, "client credentials, " + CONNECTIONS + " connections", "req/s", "p50 ms", "p99 ms",
				"errors", "server CPU/req");
		System.out.printf(row, "-".repeat(52), "-".repeat(9), "-".repeat(8), "-".repeat(8), "-".repeat(6),
				"-".repeat(14));
		String values = "| %-52s | %9.0f | %8.2f | %8.2f | %6d | %11.0f µs |%n";
		System.out.printf(values, "near-empty store", empty.requestsPerSecond(), empty.p50Millis(), empty.p99Millis(),
				empty.errors(), tokens.empty().cpuMicrosPerRequest());
		System.out.printf(values,
				String.format("%,d service accounts, %,d policies", seeded.serviceAccounts(), seeded.policies()),
				full.requestsPerSecond(), full.p50Millis(), full.p99Millis(), full.errors(),
				tokens.seeded().cpuMicrosPerRequest());
		System.out.printf(row, "change", percent(rate), percent(p50), percent(p99), "", percent(cpu));
		boolean within = rate >= -ALLOWED_CHANGE_PERCENT && p50 <= ALLOWED_CHANGE_PERCENT
				&& p99 <= ALLOWED_CHANGE_PERCENT;
		System.out.printf(
				"%nwithin %.0f%% of the near-empty store (throughput not lower, p50 and p99 not higher): %s%n",
				ALLOWED_CHANGE_PERCENT, within ? "yes" : "NO");
		System.out.printf(
				"server CPU per token within %.0f%%: %s (unlike wall-clock rates, not moved by other load)%n%n",
				ALLOWED_CHANGE_PERCENT, cpu <= ALLOWED_CHANGE_PERCENT ? "yes" : "NO");
	}

	private static void printPages(List<ListPages.Timing> timings) {
		String row = "| %-25s | %8s | %-16s | %5s | %7s | %7s | %7s | %6s |%n";
		System.out.printf(row, "list", "pageSize", "page", "items", "p50 ms", "p99 ms", "max ms", "errors");
		System.out.printf(row, "-".repeat(25), "-".repeat(8), "-".repeat(16), "-".repeat(5), "-".repeat(7),
				"-".repeat(7), "-".repeat(7), "-".repeat(6));
		for (ListPages.Timing t : timings) {
			System.out.printf("| %-25s | %8d | %-16s | %5d | %7.2f | %7.2f | %7.2f | %6d |%n", t.endpoint().name(),
					t.pageSize(), t.page(), t.items(), t.p50(), t.p99(), t.max(), t.errors());
		}
		List<String> slow = timings.stream()
			.filter((t) -> t.p99() >= PAGE_LIMIT_MILLIS)
			.map((t) -> t.endpoint().name() + " " + t.page() + " at pageSize " + t.pageSize())
			.toList();
		System.out.printf("%npages under %.0f ms at p99: %s%n%n", PAGE_LIMIT_MILLIS,
				slow.isEmpty() ? "all" : "all but " + String.join("; ", slow));
	}

	private static void printWalks(List<ListPages.Walk> walks) {
		for (ListPages.Walk walk : walks) {
			System.out.printf(
					"pagination, %s at pageSize %d: %d pages, %,d items of %,d expected, %,d distinct, %d short pages before the last: %s%n",
					walk.endpoint().name(), walk.pageSize(), walk.pageTokens().size(), walk.items(),
					walk.endpoint().expected(), walk.distinct(), walk.shortPages(),
					walk.correct() ? "correct" : "WRONG");
		}
	}

	private static double change(double before, double after) {
		return 100 * (after - before) / before;
	}

	private static String percent(double value) {
		return String.format("%+.1f%%", value);
	}

}
