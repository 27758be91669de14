package org.tessera.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.TestDatabase;

/**
 * The PostgreSQL mode of the benchmark (src/site/markdown/benchmarks.md): one node on its
 * embedded H2 and two nodes on one PostgreSQL database, started in the same run and given
 * the same load. It measures client credentials and token exchange on H2 and on
 * PostgreSQL in alternating rounds, what the database is written per client-credentials
 * token (rows and WAL bytes), and the two PostgreSQL nodes loaded together against one of
 * them alone. Run with
 * {@code mvn -Pbenchmark verify -Dbenchmark.main=org.tessera.benchmark.DatabaseBenchmark};
 * the PostgreSQL server is that of the tests ({@link TestDatabase}).
 */
public final class DatabaseBenchmark {

	private static final int CONNECTIONS = 64;

	private DatabaseBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String java = System.getProperty("benchmark.java", "java");
		Duration measure = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
		Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup", 10));
		int rounds = Integer.getInteger("benchmark.rounds", 4);
		Duration round = measure.dividedBy(rounds);
		if (round.toSeconds() < 1) {
			throw new IllegalArgumentException("benchmark.seconds must give each of the benchmark.rounds a second");
		}
		List<String> jvmOptions = List.of(System.getProperty("benchmark.serverJvmArgs", "").split("\\s+"));
		String classpath = ServerProcess.classpathWithoutTestClasses();
		Path dir = Files.createDirectories(Path.of("target", "benchmark", "db-" + System.currentTimeMillis()))
			.toAbsolutePath();
		String database = TestDatabase.createDatabase();
		int h2Port = IntegrationTest.freePort();
		int firstPort = IntegrationTest.freePort();
		int secondPort = IntegrationTest.freePort();
		// the two PostgreSQL nodes share one issuer, as behind a load balancer
		String sharedIssuer = "http://localhost:" + firstPort;
		LoadDriver driver = LoadDriver.best();
		// the nodes of one database share its pepper and key-encryption key
		List<String> shared = new ArrayList<>(TestDatabase.datasourceArguments(database));
		shared.add("--tessera.secrets.pepper=" + randomKey());
		shared.add("--tessera.keys.kek=" + randomKey());
		try (ServerProcess h2 = ready(
				node(java, jvmOptions, classpath, dir, "h2", h2Port, "http://localhost:" + h2Port, List.of()));
				// the first node alone on the empty database, which it migrates
				ServerProcess first = ready(
						node(java, jvmOptions, classpath, dir, "pg1", firstPort, sharedIssuer, shared));
				ServerProcess second = ready(
						node(java, jvmOptions, classpath, dir, "pg2", secondPort, sharedIssuer, shared))) {
			Workload onH2 = Workload.create(h2.base());
			Workload onPostgresql = Workload.create(first.base());
			Workload onSecond = onPostgresql.at(second.base());

			List<LoadRequest> all = List.of(onH2.clientCredentials(), onPostgresql.clientCredentials(), onH2.exchange(),
					onPostgresql.exchange(), onSecond.clientCredentials());
			for (LoadRequest request : all) {
				driver.run(request, CONNECTIONS, warmup);
			}

			List<String> names = List.of("client credentials, H2", "client credentials, PostgreSQL",
					"token exchange, H2", "token exchange, PostgreSQL");
			List<double[]> rates = alternate(driver, all.subList(0, 4), round, rounds);

			Writes writes = writesPerToken(driver, onPostgresql.clientCredentials(), round, database);

			List<double[]> nodes = new ArrayList<>();
			for (int i = 0; i < rounds; i++) {
				double alone = driver.run(onPostgresql.clientCredentials(), CONNECTIONS, round).requestsPerSecond();
				double together = together(driver, onPostgresql.clientCredentials(), onSecond.clientCredentials(),
						round);
				nodes.add(new double[] { alone, together });
			}
			print(driver, jvmOptions, round, rounds, names, rates, writes, nodes);
		}
	}

	private static ServerProcess node(String java, List<String> jvmOptions, String classpath, Path dir, String name,
			int port, String issuer, List<String> datasource) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--tessera.issuer=" + issuer,
				"--tessera.data-dir=" + dir.resolve(name), "--tessera.vserver.enabled=false",
				"--tessera.vstorage.enabled=false", "--management.server.port=0"));
		args.addAll(datasource);
		return ServerProcess.start(java, jvmOptions, classpath, ServerProcess.AUTHORIZATION_SERVER,
				dir.resolve(name + ".log"), args, "http://localhost:" + port);
	}

	private static ServerProcess ready(ServerProcess node) {
		node.awaitReady(node.base() + ServerProcess.METADATA_PATH, TokenBenchmark.READY_TIMEOUT);
		return node;
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Each request's rate in rounds of alternating order (A B C D, D C B A, ...), so that
	 * the machine's drift over minutes weighs on all alike.
	 */
	private static List<double[]> alternate(LoadDriver driver, List<LoadRequest> requests, Duration round, int rounds)
			throws Exception {
		List<double[]> rates = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			double[] rate = new double[requests.size()];
			for (int j = 0; j < requests.size(); j++) {
				int next = (i % 2 == 0) ? j : requests.size() - 1 - j;
				rate[next] = driver.run(requests.get(next), CONNECTIONS, round).requestsPerSecond();
			}
			rates.add(rate);
		}
		return rates;
	}

	/** Both nodes loaded at once, half the connections each: the sum of their rates. */
	private static double together(LoadDriver driver, LoadRequest first, LoadRequest second, Duration round)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<LoadResult> one = pool.submit(() -> driver.run(first, CONNECTIONS / 2, round));
			Future<LoadResult> other = pool.submit(() -> driver.run(second, CONNECTIONS / 2, round));
			return one.get().requestsPerSecond() + other.get().requestsPerSecond();
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * What one client-credentials run wrote to the database: rows inserted, updated or
	 * deleted (PostgreSQL's statistics, which backends report within their idle interval
	 * of 10 s, hence the wait) and WAL bytes, against the tokens it was answered.
	 */
	private static Writes writesPerToken(LoadDriver driver, LoadRequest request, Duration round, String database)
			throws Exception {
		Thread.sleep(11_000);
		long[] before = counters(database);
		LoadResult result = driver.run(request, CONNECTIONS, round);
		Thread.sleep(11_000);
		long[] after = counters(database);
		double tokens = result.requestsPerSecond() * round.toSeconds();
		return new Writes(tokens, after[0] - before[0], after[1] - before[1]);
	}

	/** Rows written and the WAL position, for the benchmark's database. */
	private static long[] counters(String database) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database, TestDatabase.username(),
				TestDatabase.password()); Statement statement = connection.createStatement()) {
			long rows;
			try (ResultSet rs = statement.executeQuery("SELECT tup_inserted + tup_updated + tup_deleted"
					+ " FROM pg_stat_database WHERE datname = current_database()")) {
				rs.next();
				rows = rs.getLong(1);
			}
			try (ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
				rs.next();
				return new long[] { rows, rs.getLong(1) };
			}
		}
	}

	private static void print(LoadDriver driver, List<String> jvmOptions, Duration round, int rounds,
			List<String> names, List<double[]> rates, Writes writes, List<double[]> nodes) {
		System.out.printf(
				"%nTessera database benchmark, %s: driver %s, %d connections, %d rounds of %d s,"
						+ " server JVM flags [%s]%n%n",
				LocalDateTime.now().withNano(0), driver.name(), CONNECTIONS, rounds, round.toSeconds(),
				String.join(" ", jvmOptions).strip());
		int width = names.stream().mapToInt(String::length).max().orElse(4);
		System.out.printf("| %-" + width + "s | %9s | %s |%n", "load", "median/s", "rounds");
		System.out.printf("| %-" + width + "s | %9s | %s |%n", "-".repeat(width), "-".repeat(9), "-".repeat(6));
		for (int i = 0; i < names.size(); i++) {
			int column = i;
			List<Double> values = rates.stream().map((rate) -> rate[column]).toList();
			System.out.printf("| %-" + width + "s | %9.0f | %s |%n", names.get(i), median(values), list(values));
		}
		System.out.println();
		System.out.printf("client credentials, PostgreSQL / H2: median %.0f%% (%s)%n",
				100 * median(ratios(rates, 1, 0)), percentages(ratios(rates, 1, 0)));
		System.out.printf("token exchange / client credentials, PostgreSQL: median %.0f%% (%s)%n",
				100 * median(ratios(rates, 3, 1)), percentages(ratios(rates, 3, 1)));
		System.out.printf("token exchange / client credentials, H2: median %.0f%% (%s)%n",
				100 * median(ratios(rates, 2, 0)), percentages(ratios(rates, 2, 0)));
		System.out.printf(
				"written per client-credentials token on PostgreSQL: %.4f rows, %.1f WAL bytes (%d rows, %d WAL bytes"
						+ " for %.0f tokens)%n",
				writes.rows() / writes.tokens(), writes.walBytes() / writes.tokens(), writes.rows(), writes.walBytes(),
				writes.tokens());
		List<Double> alone = nodes.stream().map((pair) -> pair[0]).toList();
		List<Double> together = nodes.stream().map((pair) -> pair[1]).toList();
		System.out.printf("client credentials, one PostgreSQL node at %d connections: median %.0f/s (%s)%n",
				CONNECTIONS, median(alone), list(alone));
		System.out.printf(
				"client credentials, two PostgreSQL nodes at %d connections each: median %.0f/s in all (%s),"
						+ " %.0f%% of one%n",
				CONNECTIONS / 2, median(together), list(together), 100 * median(together) / median(alone));
	}

	private static List<Double> ratios(List<double[]> rates, int b, int a) {
		return rates.stream().map((rate) -> rate[b] / rate[a]).toList();
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String list(List<Double> values) {
		return values.stream().map((value) -> String.format("%.0f", value)).collect(Collectors.joining(", "));
	}

	private static String percentages(List<Double> ratios) {
		return ratios.stream().map((ratio) -> String.format("%.0f%%", 100 * ratio)).collect(Collectors.joining(", "));
	}

	/** Rows and WAL bytes one run wrote, and the tokens it was answered. */
	private record Writes(double tokens, long rows, long walBytes) {
	}

	/**
	 * The two token requests of the benchmark against one server: client credentials of a
	 * service account, and a token exchange by which another impersonates a third.
	 */
	private record Workload(String base, ServiceAccountCredentials bench, ServiceAccountCredentials actor,
			ServiceAccountCredentials target) {

		static Workload create(String base) {
			Tessera tessera = new Tessera(base);
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
			return new Workload(base, bench, actor, target);
		}

		/** The same accounts, through another node on the same database. */
		Workload at(String otherBase) {
			return new Workload(otherBase, this.bench, this.actor, this.target);
		}

		LoadRequest clientCredentials() {
			return TokenBenchmark.form(this.base + "/oauth2/token", this.bench, "grant_type=client_credentials");
		}

		LoadRequest exchange() {
			return TokenBenchmark.form(this.base + "/oauth2/token", this.actor,
					"grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token="
							+ this.target.id() + "&subject_token_type="
							+ encode("urn:tessera:params:oauth:token-type:service_account"));
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
