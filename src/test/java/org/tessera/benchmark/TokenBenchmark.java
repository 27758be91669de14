package org.tessera.benchmark;

import java.net.URLEncoder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Issue 7's benchmark: starts the authorization server and vServer as separate JVMs on a fresh
 * data directory, creates what it needs through the API, loads them, and prints one table:
 * client credentials and token exchange at 16 and 64 connections, vServer authorised versus
 * unauthenticated requests, start-to-ready time, RSS after the load, and the raw signing rate
 * of the algorithm on the server's JDK. Run with {@code mvn -Pbenchmark verify} (README).
 */
public final class TokenBenchmark {

	private TokenBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String algorithm = System.getProperty("benchmark.algorithm", "ES256");
		String java = System.getProperty("benchmark.java", "java");
		Duration measure = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
		Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup", 10));
		String classpath = System.getProperty("java.class.path");
		// The servers run as users run them: without the test classes and their logging set-up
		String serverClasspath = Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		Path dir = Files.createDirectories(Path.of("target", "benchmark", Long.toString(System.currentTimeMillis())))
			.toAbsolutePath();
		int port = IntegrationTest.freePort();
		int vServerPort = IntegrationTest.freePort();
		String issuer = "http://localhost:" + port;
		String vServer = "http://localhost:" + vServerPort;
		LoadDriver driver = LoadDriver.best();

		List<String> jvmOptions = List.of(System.getProperty("benchmark.serverJvmArgs", "").split("\\s+"));
		try (ServerProcess server = ServerProcess.start(java, jvmOptions, serverClasspath,
				"org.tessera.TesseraApplication", dir.resolve("server.log"), "--server.port=" + port,
				"--tessera.issuer=" + issuer, "--tessera.data-dir=" + dir.resolve("data"),
				"--tessera.signing.algorithm=" + algorithm)) {
			long readyMillis = server.awaitReady(issuer + "/.well-known/oauth-authorization-server");
			try (ServerProcess resource = ServerProcess.start(java, jvmOptions, serverClasspath,
					"org.tessera.vserver.VServerApplication", dir.resolve("vserver.log"),
					"--server.port=" + vServerPort, "--tessera.vserver.issuer=" + issuer)) {
				long vServerReadyMillis = resource.awaitReady(vServer + "/vserver/v1/health");
				run(java, classpath, algorithm, driver, measure, warmup, server, resource, issuer, vServer, readyMillis,
						vServerReadyMillis, String.join(" ", jvmOptions).strip());
			}
		}
	}

	private static void run(String java, String classpath, String algorithm, LoadDriver driver, Duration measure,
			Duration warmup, ServerProcess server, ServerProcess resource, String issuer, String vServer,
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
		String serverId = new org.tessera.support.Http(vServer)
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

		Map<String, LoadResult> results = new LinkedHashMap<>();
		driver.run(clientCredentials, 64, warmup);
		results.put("client credentials, 16 connections", driver.run(clientCredentials, 16, measure));
		results.put("client credentials, 64 connections", driver.run(clientCredentials, 64, measure));
		driver.run(exchange, 64, warmup);
		results.put("token exchange, 16 connections", driver.run(exchange, 16, measure));
		results.put("token exchange, 64 connections", driver.run(exchange, 64, measure));
		driver.run(authorized, 64, warmup);
		results.put("vServer authorised GET, 64 connections", driver.run(authorized, 64, measure));
		driver.run(health, 64, warmup);
		results.put("vServer unauthenticated GET, 64 connections", driver.run(health, 64, measure));
		long serverRss = server.rssMegabytes();
		long vServerRss = resource.rssMegabytes();
		double signing = signingRate(java, classpath, algorithm);

		Map<Integer, Integer> tokenSizes = tokenSizes(tessera, account, root);
		print(algorithm, jdk(java), driver, measure, results, readyMillis, vServerReadyMillis, serverRss,
				vServerRss, signing, jvmOptions, tokenSizes);
	}

	/** Bytes of a client-credentials token for a service account with 1, 10 and 50 policies attached. */
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
			Map<String, LoadResult> results, long ready, long vServerReady, long serverRss, long vServerRss,
			double signing, String jvmOptions, Map<Integer, Integer> tokenSizes) {
		System.out.printf("%nTessera benchmark, %s: %s, JDK %s, server JVM flags [%s], driver %s, %d s per run after warm-up%n%n",
				LocalDateTime.now().withNano(0), algorithm, jdk, jvmOptions.isEmpty() ? "defaults" : jvmOptions,
				driver.name(), measure.toSeconds());
		System.out.printf("| %-44s | %9s | %8s | %8s | %6s |%n", "load", "req/s", "p50 ms", "p99 ms", "errors");
		System.out.printf("| %-44s | %9s | %8s | %8s | %6s |%n", "-".repeat(44), "-".repeat(9), "-".repeat(8),
				"-".repeat(8), "-".repeat(6));
		results.forEach((name, r) -> System.out.printf("| %-44s | %9.0f | %8.2f | %8.2f | %6d |%n", name,
				r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors()));
		List<String> lines = new ArrayList<>();
		double cc64 = results.get("client credentials, 64 connections").requestsPerSecond();
		double ex64 = results.get("token exchange, 64 connections").requestsPerSecond();
		double authorized = results.get("vServer authorised GET, 64 connections").requestsPerSecond();
		double health = results.get("vServer unauthenticated GET, 64 connections").requestsPerSecond();
		lines.add(String.format("raw %s signing rate (2 threads, same JDK): %.0f/s; client credentials at 64 = %.0f%% of it",
				algorithm, signing, 100 * cc64 / signing));
		lines.add(String.format("token exchange / client credentials at 64: %.0f%%", 100 * ex64 / cc64));
		lines.add(String.format("vServer: validation + policy evaluation cost %.1f%% of unauthenticated throughput",
				100 * (1 - authorized / health)));
		lines.add(String.format("start to ready: authorization server %d ms, vServer %d ms", ready, vServerReady));
		lines.add(String.format("RSS after the load: authorization server %d MiB, vServer %d MiB", serverRss,
				vServerRss));
		lines.add("token size with 1 / 10 / 50 attached policies: " + tokenSizes.values()
			.stream()
			.map((size) -> size + " bytes")
			.collect(Collectors.joining(" / ")));
		System.out.println();
		lines.forEach(System.out::println);
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
