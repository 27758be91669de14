package org.tessera.hardening.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Crash durability: the authorization server runs as a separate OS process and is killed
 * with SIGKILL in the middle of a concurrent write load. After a restart on the same data
 * directory the database must open cleanly, every write that was acknowledged with a 2xx
 * must be there, the signing keys must be the same (a token issued before the crash still
 * verifies), the audit events of acknowledged writes must be there (recorded in the audit
 * journal, loaded at start-up), and new logins and tokens must work.
 */
class CrashDurabilityTests {

	private static final int THREADS = 8;

	private static final int REQUESTS_PER_THREAD = 200;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	/** Upper bound of the whole write load, whatever happens to the kill. */
	private static final Duration LOAD_BOUND = Duration.ofSeconds(20);

	private final List<ServerProcess> started = new ArrayList<>();

	/** A service account created under load whose creation was acknowledged. */
	private record AckedServiceAccount(String id, String name, String secret, long ackedAtNanos) {
	}

	@AfterEach
	void killEverythingStarted() throws InterruptedException {
		for (ServerProcess process : this.started) {
			if (process.isAlive()) {
				process.kill();
			}
		}
	}

	@Test
	@Timeout(value = 150, unit = TimeUnit.SECONDS)
	void everyAcknowledgedWriteAndTheSigningKeysSurviveASigkillUnderConcurrentLoad() throws Exception {
		long testStart = System.nanoTime();
		int port = IntegrationTest.freePort();
		String run = UUID.randomUUID().toString();
		Path data = Path.of("target", "crash-data", run).toAbsolutePath();
		Path logs = Path.of("target", "crash-logs", run).toAbsolutePath();

		ServerProcess first = start(port, data, logs.resolve("server-before-crash.log"));
		Duration firstReady = first.awaitReady(READY_TIMEOUT);
		Tessera tessera = new Tessera(first.base());

		String account = tessera.signUp();
		String root = tessera.loginRoot(account);
		ServiceAccountCredentials sa = tessera.createServiceAccount(account, root, "before-crash", List.of(),
				List.of());
		String tokenBefore = tessera.serviceAccountToken(sa);
		Set<String> jwksBefore = jwkSet(tessera.http().get("/oauth2/jwks", null).body());
		assertThat(jwksBefore).isNotEmpty();

		// Concurrent load: users, policies and service accounts with unique names.
		ConcurrentLinkedQueue<String> ackedUsers = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> ackedPolicies = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<AckedServiceAccount> ackedServiceAccounts = new ConcurrentLinkedQueue<>();
		Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
		AtomicInteger acked = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicBoolean killed = new AtomicBoolean();
		CountDownLatch go = new CountDownLatch(1);
		String base = "/iam/v1/accounts/" + account;
		long loadDeadline = System.nanoTime() + LOAD_BOUND.toNanos();

		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			pool.submit(() -> {
				Http http = new Http(first.base());
				go.await();
				for (int i = 0; i < REQUESTS_PER_THREAD && !stop.get() && System.nanoTime() < loadDeadline; i++) {
					String name = "crash-t" + thread + "-" + i;
					int kind = (thread + i) % 3;
					try {
						Http.Response response;
						if (kind == 0) {
							response = http.post(base + "/users", root,
									Map.of("name", name, "password", Tessera.PASSWORD));
							if (is2xx(response)) {
								ackedUsers.add(name);
							}
						}
						else if (kind == 1) {
							response = http.post(base + "/policies", root,
									Map.of("name", name, "statements", List.of(Map.of("effect", "Allow", "actions",
											List.of("vserver:GetServer"), "resources", List.of("*")))));
							if (is2xx(response)) {
								ackedPolicies.add(name);
							}
						}
						else {
							response = http.post(base + "/service-accounts", root, Map.of("name", name, "description",
									"made under crash load", "trustedAccounts", List.of(), "policies", List.of()));
							if (is2xx(response)) {
								JsonNode body = response.json();
								ackedServiceAccounts.add(new AckedServiceAccount(body.get("id").asString(), name,
										body.get("clientSecret").asString(), System.nanoTime()));
							}
						}
						count(outcomes, "HTTP " + response.status());
						if (is2xx(response)) {
							acked.incrementAndGet();
						}
						else if (!killed.get()) {
							unexpectedAnswers.add(name + " -> " + response);
						}
					}
					catch (UncheckedIOException | IllegalStateException ex) {
						// no answer (connection reset or refused by the kill): the
						// outcome is unknown
						count(outcomes, "no answer");
					}
				}
				return null;
			});
		}
		pool.shutdown();

		long loadStart = System.nanoTime();
		go.countDown();
		// let the load run a while, and make sure the crash lands in the middle of
		// acknowledged writes
		await().pollDelay(Duration.ofMillis(1500))
			.pollInterval(Duration.ofMillis(50))
			.atMost(Duration.ofSeconds(10))
			.until(() -> acked.get() >= 20 || pool.isTerminated());
		int ackedAtKill = acked.get();
		long killAt = System.nanoTime();
		killed.set(true);
		first.kill();
		long killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(killAt - loadStart);
		stop.set(true);
		if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("load threads stop").isTrue();
		}
		assertThat(first.exitValue()).as("SIGKILL exit status (128 + 9)").isEqualTo(137);

		// Restart on the same data directory and port.
		ServerProcess second = start(port, data, logs.resolve("server-after-crash.log"));
		Duration secondReady = second.awaitReady(READY_TIMEOUT);
		Tessera after = new Tessera(second.base());
		String rootAfter = after.loginRoot(account);

		Set<String> usersAfter = listAll(after.http(), base + "/users", rootAfter,
				(item) -> item.get("name").asString());
		Set<String> policiesAfter = listAll(after.http(), base + "/policies", rootAfter,
				(item) -> item.get("name").asString());
		Set<String> serviceAccountsAfter = listAll(after.http(), base + "/service-accounts", rootAfter,
				(item) -> item.get("id").asString() + "/" + item.get("name").asString());

		// Each acknowledged creation's audit event, recorded before the answer, is there
		// too.
		Set<String> audited = listAll(after.http(), base + "/audit-events", rootAfter,
				(item) -> item.get("type").asString() + " " + item.path("target").toString());
		List<String> unaudited = ackedServiceAccounts.stream()
			.map((s) -> "CreateServiceAccount \"crn:iam:" + account + ":service-account/" + s.id() + "\"")
			.filter((event) -> !audited.contains(event))
			.sorted()
			.toList();

		List<String> lostUsers = ackedUsers.stream().filter((u) -> !usersAfter.contains(u)).sorted().toList();
		List<String> lostPolicies = ackedPolicies.stream().filter((p) -> !policiesAfter.contains(p)).sorted().toList();
		List<String> lostServiceAccounts = ackedServiceAccounts.stream()
			.map((s) -> s.id() + "/" + s.name())
			.filter((s) -> !serviceAccountsAfter.contains(s))
			.sorted()
			.toList();

		String report = String
			.format("crash report: first start ready in %d ms, killed %d ms into the load with %d writes acknowledged"
					+ " (%d in all: %d users, %d policies, %d service accounts); outcomes %s; restart ready in %d ms;"
					+ " found after restart: %d users, %d policies, %d service accounts; lost: users %s, policies %s,"
					+ " service accounts %s; unexpected answers before the kill: %s; logs in %s", firstReady.toMillis(),
					killedAfterMillis, ackedAtKill, acked.get(), ackedUsers.size(), ackedPolicies.size(),
					ackedServiceAccounts.size(), new TreeMap<>(outcomesSnapshot(outcomes)), secondReady.toMillis(),
					usersAfter.size(), policiesAfter.size(), serviceAccountsAfter.size(), lostUsers, lostPolicies,
					lostServiceAccounts, unexpectedAnswers, logs);
		System.out.println(report);

		assertThat(ackedUsers.size() + ackedPolicies.size() + ackedServiceAccounts.size())
			.as("the load acknowledged writes before the kill")
			.isGreaterThan(0);
		assertThat(lostUsers).as("acknowledged users lost by the crash; " + report).isEmpty();
		assertThat(lostPolicies).as("acknowledged policies lost by the crash; " + report).isEmpty();
		assertThat(lostServiceAccounts).as("acknowledged service accounts lost by the crash; " + report).isEmpty();
		assertThat(unexpectedAnswers).as("non-2xx answers while the server was up; " + report).isEmpty();
		assertThat(unaudited).as("acknowledged creations whose audit event was lost; " + report).isEmpty();

		// The signing keys are the same: the token from before the crash still verifies.
		assertThat(jwkSet(after.http().get("/oauth2/jwks", null).body())).isEqualTo(jwksBefore);
		Http.Response introspection = after.http()
			.form("/oauth2/introspect", Http.fields("token", tokenBefore), sa.id(), sa.secret());
		assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
		assertThat(introspection.json().get("active").asBoolean()).as(introspection.toString()).isTrue();

		// New logins and tokens work, also for the last service accounts acknowledged
		// before the kill.
		assertThat(after.serviceAccountToken(sa)).isNotBlank();
		assertThat(after.login(account, "", Tessera.PASSWORD)).isNotBlank();
		List<AckedServiceAccount> newest = ackedServiceAccounts.stream()
			.sorted((a, b) -> Long.compare(b.ackedAtNanos(), a.ackedAtNanos()))
			.limit(5)
			.toList();
		for (AckedServiceAccount created : newest) {
			Http.Response token = after.clientCredentials(created.id(), created.secret());
			assertThat(token.status()).as(created.name() + " gets a token after the crash: " + token).isEqualTo(200);
		}
		String lastUser = ackedUsers.stream().reduce((a, b) -> b).orElse(null);
		if (lastUser != null) {
			assertThat(after.login(account, lastUser, Tessera.PASSWORD)).isNotBlank();
		}

		System.out.println("crash test took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - testStart) + " ms");
	}

	private ServerProcess start(int port, Path data, Path log) throws Exception {
		ServerProcess process = ServerProcess.authorizationServer(port, data, log);
		this.started.add(process);
		return process;
	}

	private static boolean is2xx(Http.Response response) {
		return response.status() >= 200 && response.status() < 300;
	}

	private static void count(Map<String, AtomicInteger> outcomes, String key) {
		outcomes.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	private static Map<String, Integer> outcomesSnapshot(Map<String, AtomicInteger> outcomes) {
		Map<String, Integer> snapshot = new TreeMap<>();
		outcomes.forEach((k, v) -> snapshot.put(k, v.get()));
		return snapshot;
	}

	/** Every item of a paginated list, following nextPageToken with pageSize=1000. */
	private static Set<String> listAll(Http http, String path, String token, Function<JsonNode, String> key) {
		Set<String> all = new HashSet<>();
		String pageToken = null;
		for (int page = 0; page < 100; page++) {
			String url = path + "?pageSize=1000" + ((pageToken != null) ? "&pageToken=" + pageToken : "");
			Http.Response response = http.get(url, token);
			assertThat(response.status()).as(url + " -> " + response).isEqualTo(200);
			JsonNode body = response.json();
			for (JsonNode item : body.get("items")) {
				all.add(key.apply(item));
			}
			JsonNode next = body.get("nextPageToken");
			if (next == null || next.isNull() || next.asString().isEmpty()) {
				return all;
			}
			pageToken = next.asString();
		}
		throw new AssertionError("more than 100 pages at " + path);
	}

	/** The keys of a JWK set, each as its JSON text, order ignored. */
	private static Set<String> jwkSet(String body) {
		Set<String> keys = new HashSet<>();
		for (JsonNode key : Http.JSON.readTree(body).get("keys")) {
			keys.add(key.toString());
		}
		return keys;
	}

}
