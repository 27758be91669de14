package org.tessera.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * The benchmark of src/site/markdown/benchmarks.md: starts the authorization server and
 * vServer as separate JVMs on a fresh data directory, creates what it needs through the
 * API, loads them, and prints one table: client credentials and token exchange at 16 and
 * 64 connections, vServer authorised versus unauthenticated requests (and unauthenticated
 * ones carrying as many header bytes as the token, which tells carrying the token from
 * checking it), start-to-ready time, RSS after the load, and the raw signing rate of the
 * algorithm on the server's JDK. Run with {@code mvn -Pbenchmark verify}.
 */
public final class TokenBenchmark {

	private static final String AUTHORISED = "vServer authorised GET, 64 connections";

	private static final String UNAUTHENTICATED = "vServer unauthenticated GET, 64 connections";

	private static final String CARRYING = "vServer unauthenticated GET + token-sized header, 64 connections";

	static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private TokenBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String algorithm = System.getProperty("benchmark.algorithm", "ES256");
		String java = System.getProperty("benchmark.java", "java");
		Duration measure = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
		Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup", 10));
		int rounds = Integer.getInteger("benchmark.rounds", 4);
		if (measure.dividedBy(rounds).toSeconds() < 1) {
			throw new IllegalArgumentException("benchmark.seconds must give each of the benchmark.rounds a second");
		}
		String classpath = System.getProperty("java.class.path");
		// The servers run as users run them: without the test classes and their logging
		// set-up
		String serverClasspath = ServerProcess.classpathWithoutTestClasses();
		Path dir = Files.createDirectories(Path.of("target", "benchmark", Long.toString(System.currentTimeMillis())))
			.toAbsolutePath();
		int port = IntegrationTest.freePort();
		int vServerPort = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		String vServer = "http://localhost:" + vServerPort;
		LoadDriver driver = LoadDriver.best();

		List<String> jvmOptions = List.of(System.getProperty("benchmark.serverJvmArgs", "").split("\\s+"));
		try (ServerProcess server = ServerProcess.start(java, jvmOptions, serverClasspath,
				ServerProcess.AUTHORIZATION_SERVER, dir.resolve("server.log"),
				List.of("--server.port=" + port, "--tessera.issuer=" + issuer,
						"--tessera.data-dir=" + dir.resolve("data"), "--tessera.signing.algorithm=" + algorithm))) {
			long readyMillis = server.awaitReady(issuer + ServerProcess.METADATA_PATH, READY_TIMEOUT).toMillis();
			try (ServerProcess resource = ServerProcess.start(java, jvmOptions, serverClasspath, ServerProcess.VSERVER,
					dir.resolve("vserver.log"),
					List.of("--server.port=" + vServerPort, "--tessera.vserver.issuer=" + issuer))) {
				long vServerReadyMillis = resource.awaitReady(vServer + "/vserver/v1/health", READY_TIMEOUT).toMillis();
				run(java, classpath, algorithm, driver, measure, warmup, rounds, server, resource, issuer, vServer,
						readyMillis, vServerReadyMillis, String.join(" ", jvmOptions).strip());
			}
		}
	}

	private static void run(String java, String classpath, String algorithm, LoadDriver driver, Duration measure,
			Duration warmup, int rounds, ServerProcess server, ServerProcess resource, String issuer, String vServer,
			long readyMillis, long vServerReadyMillis, String jvmOptions) throws Exception {
		Tessera tessera = new Tessera(issuer);
		String account = tessera.signUp();
		String root = tessera.loginRoot(account);
		ServiceAccountCredentials bench = tessera.createServiceAccount(account, root, "bench", List.of(),
				List.of("vServerFullAccess"));
		ServiceAccountCredentials target = tessera.createServiceAccount(account, root, "target", List.of(),
				List.of("vServerFullAccess"));
		tessera.createPolicy(account, root, "ImpersonateTarget", "Allow", List.of("iam:ImpersonateServiceAccount"),
				List.of(target.crn()));
		ServiceAccountCredentials actor = tessera.createServiceAccount(account, root, "actor", List.of(),
				List.of("ImpersonateTarget"));
		String benchToken = tessera.serviceAccountToken(bench);
		String serverId = new Http(vServer)
			.post("/vserver/v1/accounts/" + account + "/servers", benchToken, Map.of("name", "bench-1"))
			.json()
			.get("id")
			.asString();

		LoadRequest clientCredentials = form(issuer + "/oauth2/token", bench, "grant_type=client_credentials");
		LoadRequest exchange = form(issuer + "/oauth2/token", actor,
				"grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token="
						+ target.id() + "&subject_token_type="
						+ encode("urn:tessera:params:oauth:token-type:service_account"));
		LoadRequest authorized = new LoadRequest("GET",
				vServer + "/vserver/v1/accounts/" + account + "/servers/" + serverId,
				Map.of("Authorization", "Bearer " + benchToken), "");
		LoadRequest health = new LoadRequest("GET", vServer + "/vserver/v1/health", Map.of(), "");
		LoadRequest carrying = new LoadRequest("GET", vServer + "/vserver/v1/health",
				Map.of("X-Unchecked", "Bearer " + benchToken), "");

		// Every workload is warmed up before any is measured: JFR showed the first load
		// on a fresh JVM
		// paying for most of its JIT compilation (vServer: 45 s of compile time), which
		// had made
		// whichever request came first look several times more expensive than the next.
		for (LoadRequest request : List.of(clientCredentials, exchange, authorized, health, carrying)) {
			driver.run(request, 64, warmup);
		}
		// ... and each again, with its own connection count, just before it is measured:
		// with only the
		// first round, JIT compilation was still running in the first rows (CPU per token
		// 20 % higher
		// at 16 connections than at 64) and vServer's figures moved by 30 % between runs.
		Map<String, Measured> results = new LinkedHashMap<>();
		Rows rows = new Rows(driver, warmup, measure, results);
		rows.add("client credentials, 16 connections", clientCredentials, 16, server);
		rows.add("client credentials, 64 connections", clientCredentials, 64, server);
		rows.add("token exchange, 16 connections", exchange, 16, server);
		rows.add("token exchange, 64 connections", exchange, 64, server);
		rows.add(AUTHORISED, authorized, 64, resource);
		rows.add(UNAUTHENTICATED, health, 64, resource);
		rows.add(CARRYING, carrying, 64, resource);
		Rounds tokenRounds = rows.alternate(List.of(clientCredentials, exchange), 64, rounds);
		Rounds vServerRounds = rows.alternate(List.of(health, carrying, authorized), 64, rounds);
		long serverRss = server.rssMegabytes();
		long vServerRss = resource.rssMegabytes();
		double signing = signingRate(java, classpath, algorithm);

		Map<Integer, Integer> tokenSizes = tokenSizes(tessera, account, root);
		print(algorithm, jdk(java), driver, measure, results, tokenRounds, vServerRounds, readyMillis,
				vServerReadyMillis, serverRss, vServerRss, signing, jvmOptions, tokenSizes);
	}

	/**
	 * A load run, with the CPU the loaded server spent per request (wall-clock rates hide
	 * what wrk takes).
	 */
	static Measured measured(LoadDriver driver, LoadRequest request, int connections, Duration duration,
			ServerProcess server) throws Exception {
		long cpuBefore = server.cpuMillis();
		LoadResult result = driver.run(request, connections, duration);
		long cpuMillis = server.cpuMillis() - cpuBefore;
		double requests = result.requestsPerSecond() * duration.toSeconds();
		return new Measured(result, (requests > 0) ? cpuMillis * 1000 / requests : Double.NaN);
	}

	record Measured(LoadResult load, double cpuMicrosPerRequest) {
	}

	/** The table's rows: each workload warmed up, then measured. */
	private record Rows(LoadDriver driver, Duration warmup, Duration measure, Map<String, Measured> results) {

		void add(String name, LoadRequest request, int connections, ServerProcess process) throws Exception {
			this.driver.run(request, connections, this.warmup);
			this.results.put(name, measured(this.driver, request, connections, this.measure, process));
		}

		/**
		 * Rates of the requests measured apart from the rows in alternating rounds, A B
		 * C, C B A, A B C ..., each request a share of the measuring time per round. The
		 * speed of this machine drifts by 15–30 % over minutes, which had moved the ratio
		 * of two rows measured one after the other (vServer's cost from 8 to 26 %);
		 * alternation lets a drift weigh on all alike, and the median over the rounds
		 * leaves out a round that fell in a pause (once a round showed vServer's
		 * authorised requests faster than its health check). (The rows keep one run each,
		 * so that a p99 is that of the whole measuring time.)
		 */
		Rounds alternate(List<LoadRequest> requests, int connections, int rounds) throws Exception {
			Duration round = this.measure.dividedBy(rounds);
			List<double[]> rates = new ArrayList<>();
			for (int i = 0; i < rounds; i++) {
				double[] rate = new double[requests.size()];
				for (int j = 0; j < requests.size(); j++) {
					int next = (i % 2 == 0) ? j : requests.size() - 1 - j;
					rate[next] = this.driver.run(requests.get(next), connections, round).requestsPerSecond();
				}
				rates.add(rate);
			}
			return new Rounds(rates);
		}

	}

	/**
	 * The rates of each round of {@link Rows#alternate}, in the order of its requests.
	 */
	record Rounds(List<double[]> rates) {

		/**
		 * The rate of request {@code b} over that of request {@code a}, round by round.
		 */
		Ratio ratio(int b, int a) {
			return new Ratio(this.rates.stream().map((rate) -> rate[b] / rate[a]).toList());
		}

		int count() {
			return this.rates.size();
		}

	}

	/** B's rate over A's in each round. */
	record Ratio(List<Double> rounds) {

		double median() {
			double[] sorted = this.rounds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			int middle = sorted.length / 2;
			return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		}

	}

	/**
	 * Bytes of a client-credentials token for a service account with 1, 10 and 50
	 * policies attached.
	 */
	private static Map<Integer, Integer> tokenSizes(Tessera tessera, String account, String root) {
		for (int i = 0; i < 50; i++) {
			tessera.createPolicy(account, root, "Size" + i, "Allow", List.of("vserver:Get*", "vserver:List*"),
					List.of("crn:vserver:" + account + ":server/team-" + i + "-*"));
		}
		Map<Integer, Integer> sizes = new LinkedHashMap<>();
		for (int count : new int[] { 1, 10, 50 }) {
			List<String> attached = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				attached.add("Size" + i);
			}
			ServiceAccountCredentials sa = tessera.createServiceAccount(account, root, "size" + count, List.of(),
					attached);
			sizes.put(count, tessera.serviceAccountToken(sa).length());
		}
		return sizes;
	}

	private static void print(String algorithm, String jdk, LoadDriver driver, Duration measure,
			Map<String, Measured> results, Rounds tokenRounds, Rounds vServerRounds, long ready, long vServerReady,
			long serverRss, long vServerRss, double signing, String jvmOptions, Map<Integer, Integer> tokenSizes) {
		System.out.printf(
				"%nTessera benchmark, %s: %s, JDK %s, server JVM flags [%s], driver %s, %d s per row after warm-up%n%n",
				LocalDateTime.now().withNano(0), algorithm, jdk, jvmOptions.isEmpty() ? "defaults" : jvmOptions,
				driver.name(), measure.toSeconds());
		int width = results.keySet().stream().mapToInt(String::length).max().orElse(4);
		String name = "| %-" + width + "s";
		System.out.printf(name + " | %9s | %8s | %8s | %6s | %14s |%n", "load", "req/s", "p50 ms", "p99 ms", "errors",
				"server CPU/req");
		System.out.printf(name + " | %9s | %8s | %8s | %6s | %14s |%n", "-".repeat(width), "-".repeat(9), "-".repeat(8),
				"-".repeat(8), "-".repeat(6), "-".repeat(14));
		results.forEach((load, m) -> System.out.printf(name + " | %9.0f | %8.2f | %8.2f | %6d | %11.0f µs |%n", load,
				m.load().requestsPerSecond(), m.load().p50Millis(), m.load().p99Millis(), m.load().errors(),
				m.cpuMicrosPerRequest()));
		List<String> lines = new ArrayList<>();
		double cc64 = results.get("client credentials, 64 connections").load().requestsPerSecond();
		double ex64 = results.get("token exchange, 64 connections").load().requestsPerSecond();
		lines.add(String.format(
				"raw %s signing rate (2 threads, same JDK): %.0f/s; client credentials at 64 = %.0f%% of it", algorithm,
				signing, 100 * cc64 / signing));
		int rounds = tokenRounds.count();
		Ratio exchangeRatio = tokenRounds.ratio(1, 0);
		lines.add(String.format(
				"token exchange / client credentials at 64: %.0f%% in the rows; median %.0f%% over %d pairs of"
						+ " alternating %d s rounds (%s)",
				100 * ex64 / cc64, 100 * exchangeRatio.median(), rounds, measure.toSeconds() / rounds,
				percentages(exchangeRatio.rounds().stream().map((ratio) -> 100 * ratio))));
		lines.add(cost("vServer: authorised requests cost", results, AUTHORISED, UNAUTHENTICATED,
				vServerRounds.ratio(2, 0), "of unauthenticated throughput"));
		lines.add(cost("  carrying the token's bytes (an unchecked header as long) costs", results, CARRYING,
				UNAUTHENTICATED, vServerRounds.ratio(1, 0), "of unauthenticated throughput"));
		lines.add(cost("  validation + policy evaluation cost", results, AUTHORISED, CARRYING,
				vServerRounds.ratio(2, 1), "of the throughput carrying the token-sized header"));
		lines.add(String.format(
				"vServer CPU per request: authorised %.0f µs, unauthenticated %.0f µs, with the token-sized header %.0f µs",
				results.get(AUTHORISED).cpuMicrosPerRequest(), results.get(UNAUTHENTICATED).cpuMicrosPerRequest(),
				results.get(CARRYING).cpuMicrosPerRequest()));
		lines.add(String.format("start to ready: authorization server %d ms, vServer %d ms", ready, vServerReady));
		lines.add(String.format("RSS after the load: authorization server %d MiB, vServer %d MiB", serverRss,
				vServerRss));
		lines.add("token size with 1 / 10 / 50 attached policies: "
				+ tokenSizes.values().stream().map((size) -> size + " bytes").collect(Collectors.joining(" / ")));
		System.out.println();
		lines.forEach(System.out::println);
	}

	/**
	 * One minus the rate of {@code slower} over {@code faster}: in the rows, and the
	 * median of the rounds.
	 */
	private static String cost(String what, Map<String, Measured> results, String slower, String faster, Ratio rounds,
			String of) {
		double rows = results.get(slower).load().requestsPerSecond() / results.get(faster).load().requestsPerSecond();
		return String.format("%s %.1f%% %s in the rows; median %.1f%% over %d alternating rounds (%s)", what,
				100 * (1 - rows), of, 100 * (1 - rounds.median()), rounds.rounds().size(),
				percentages(rounds.rounds().stream().map((ratio) -> 100 * (1 - ratio))));
	}

	private static String percentages(Stream<Double> values) {
		return values.map((value) -> String.format("%.1f %%", value)).collect(Collectors.joining(", "));
	}

	static LoadRequest form(String url, ServiceAccountCredentials client, String body) {
		String basic = Base64.getEncoder()
			.encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
		return new LoadRequest("POST", url,
				Map.of("Authorization", "Basic " + basic, "Content-Type", "application/x-www-form-urlencoded"), body);
	}

	private static double signingRate(String java, String classpath, String algorithm) throws Exception {
		Process process = new ProcessBuilder(java, "-cp", classpath, SigningRate.class.getName(), algorithm).start();
		String output = new String(process.getInputStream().readAllBytes()).strip();
		process.waitFor();
		return Double.parseDouble(output);
	}

	static String jdk(String java) throws Exception {
		Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
		String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
		process.waitFor();
		return first.replaceAll(".*\"(.*)\".*", "$1");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
