package org.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.SocketHttp;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Two authorization-server processes on one PostgreSQL database, sharing one issuer as
 * nodes behind a load balancer do: what one node changes, the other acts on within a
 * second, and a node killed under load loses no write it acknowledged. Runs in the
 * build's PostgreSQL run only (H2 is one process's database).
 */
@Tag("storage")
class MultiNodeTests {

	/** The source address of the throttle test: its failures count for nobody else. */
	private static final String THROTTLED_SOURCE = "127.0.0.3";

	/** How soon a change on one node must show on the other. */
	private static final Duration WITHIN = Duration.ofSeconds(1);

	private static ServerProcess nodeA;

	private static ServerProcess nodeB;

	/** Starts node B (again, after a test killed it). */
	private static NodeStarter startB;

	private static Tessera a;

	private static Tessera b;

	private static Http managementA;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isPostgresql(), "several nodes need PostgreSQL");
		String database = TestDatabase.createDatabase();
		int portA = IntegrationTest.freePort();
		int portB = IntegrationTest.freePort();
		String issuer = "http://localhost:" + portA;
		List<String> shared = new ArrayList<>(TestDatabase.datasourceArguments(database));
		shared.addAll(List.of("--tessera.secrets.pepper=" + randomKey(), "--tessera.keys.kek=" + randomKey(),
				"--tessera.throttle.client-failure-burst=20", "--tessera.throttle.sign-up-burst=1000",
				"--tessera.signing.publish-ahead=PT3S"));
		int managementPortA = IntegrationTest.freePort();
		List<String> argsA = new ArrayList<>(shared);
		argsA.add("--management.server.port=" + managementPortA);
		Path root = Path.of("target", "multi-node", UUID.randomUUID().toString()).toAbsolutePath();
		List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
		// one after the other: the first node creates the signing key, the second loads
		// it
		nodeA = ServerProcess.authorizationServer(portA, issuer, root.resolve("a"), root.resolve("a.log"), jvm, argsA);
		nodeA.awaitReady(Duration.ofSeconds(90));
		startB = () -> {
			ServerProcess node = ServerProcess.authorizationServer(portB, issuer, root.resolve("b"),
					root.resolve("b-" + UUID.randomUUID() + ".log"), jvm, shared);
			node.awaitReady(Duration.ofSeconds(90));
			return node;
		};
		nodeB = startB.start();
		a = new Tessera(nodeA.base());
		b = new Tessera(nodeB.base());
		managementA = new Http("http://127.0.0.1:" + managementPortA);
	}

	@AfterAll
	static void stop() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
	}

	@Test
	void aServiceAccountDisabledOnOneNodeGetsNoTokenFromTheOtherWithinASecond() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "disabled-elsewhere", List.of(),
				List.of());
		assertThat(b.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);

		Http.Response disabled = a.http()
			.post("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/disable", root, "");
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

		assertSoon(() -> b.clientCredentials(sa.id(), sa.secret()).status() == 401,
				"node B still issues tokens to the disabled service account");
	}

	@Test
	void aSecretDeletedOnOneNodeNoLongerAuthenticatesOnTheOther() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "secret-elsewhere", List.of(), List.of());
		assertThat(b.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);
		String secretId = a.http()
			.get("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/secrets", root)
			.json()
			.get("items")
			.get(0)
			.get("secretId")
			.asString();

		Http.Response deleted = a.http()
			.delete("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/secrets/" + secretId, root);
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

		assertSoon(() -> b.clientCredentials(sa.id(), sa.secret()).status() == 401,
				"node B still accepts the deleted secret");
	}

	@Test
	void aServiceAccountDeletedOnOneNodeGetsNoTokenFromTheOtherWithinASecond() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "deleted-elsewhere", List.of(), List.of());
		assertThat(b.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);

		Http.Response deleted = a.http().delete("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id(), root);
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

		assertSoon(() -> b.clientCredentials(sa.id(), sa.secret()).status() == 401,
				"node B still issues tokens to the deleted service account");
	}

	@Test
	void aKeyDeletedOnOneNodeNoLongerAuthenticatesOnTheOther() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "key-elsewhere", List.of(), List.of());
		Tessera.ServiceAccountKey key = a.uploadKey(account, root, sa.id());
		assertThat(b.http().form("/oauth2/token", assertionGrant(key)).status()).isEqualTo(200);

		Http.Response deleted = a.http()
			.delete("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/keys/" + key.keyId(), root);
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

		assertSoon(() -> b.http().form("/oauth2/token", assertionGrant(key)).status() == 401,
				"node B still accepts assertions signed by the deleted key");
	}

	@Test
	void aKeyDisabledOnOneNodeSignsNothingOnTheOtherWithinASecondAndWorksAgainOnceEnabled() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "key-disabled", List.of(), List.of());
		Tessera.ServiceAccountKey key = a.uploadKey(account, root, sa.id());
		String path = "/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/keys/" + key.keyId();
		assertThat(b.http().form("/oauth2/token", assertionGrant(key)).status()).isEqualTo(200);
		assertThat(b.http().form("/oauth2/token", jwtBearerGrant(key)).status()).isEqualTo(200);

		Http.Response disabled = a.http().patch(path, root, Map.of("disabled", true));
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

		assertSoon(
				() -> b.http().form("/oauth2/token", assertionGrant(key)).status() == 401
						&& b.http().form("/oauth2/token", jwtBearerGrant(key)).status() == 400,
				"node B still accepts assertions signed by the disabled key");
		Http.Response enabled = a.http().patch(path, root, Map.of("disabled", false));
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		assertSoon(
				() -> b.http().form("/oauth2/token", assertionGrant(key)).status() == 200
						&& b.http().form("/oauth2/token", jwtBearerGrant(key)).status() == 200,
				"node B still refuses assertions signed by the enabled key");
	}

	/** The JWT-bearer grant with a fresh assertion of this key. */
	private static Map<String, String> jwtBearerGrant(Tessera.ServiceAccountKey key) {
		// the audience is the issuer, the same behind every node
		return Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion",
				key.assertion(nodeA.base()));
	}

	/** Client credentials with a fresh client assertion of this key. */
	private static Map<String, String> assertionGrant(Tessera.ServiceAccountKey key) {
		// the audience is the issuer, the same behind every node
		Map<String, String> form = new LinkedHashMap<>(key.authentication(nodeA.base()));
		form.put("grant_type", "client_credentials");
		return form;
	}

	@Test
	void aPolicyChangedOnOneNodeShowsInTheOthersTokensWithinASecond() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		a.createPolicy(account, root, "Reader", "Allow", List.of("vserver:GetServer"), List.of("*"));
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "policy-elsewhere", List.of(),
				List.of("Reader"));
		assertThat(perms(b, sa)).contains("vserver:GetServer").doesNotContain("vserver:DeleteServer");

		Http.Response updated = a.http()
			.put("/iam/v1/accounts/" + account + "/policies/Reader", root, Map.of("name", "Reader", "statements", List
				.of(Map.of("effect", "Allow", "actions", List.of("vserver:DeleteServer"), "resources", List.of("*")))));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

		assertSoon(() -> perms(b, sa).contains("vserver:DeleteServer"), "node B still issues the old policy");
	}

	@Test
	void aPolicyAttachedOnOneNodeShowsInTheOthersTokensWithinASecond() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "attached-elsewhere", List.of(),
				List.of());
		assertThat(perms(b, sa)).doesNotContain("vserver:");

		Http.Response attached = a.http()
			.put("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id() + "/policies/vServerReadOnlyAccess",
					root, "");
		assertThat(attached.status()).as(attached.toString()).isEqualTo(204);

		assertSoon(() -> perms(b, sa).contains("vserver:"), "node B still issues the old attachments");
	}

	@Test
	void aTokenRevokedOnOneNodeIsInactiveOnTheOtherWithinASecond() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "revoked-elsewhere", List.of(), List.of());
		String token = b.serviceAccountToken(sa);
		assertThat(introspect(b, sa, token).get("active").asBoolean()).isTrue();

		Http.Response revoked = a.http().form("/oauth2/revoke", Http.fields("token", token), sa.id(), sa.secret());
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

		assertSoon(() -> !introspect(b, sa, token).get("active").asBoolean(), "node B still finds the token active");
	}

	@Test
	void failedClientAuthenticationsCountAcrossNodes() throws InterruptedException {
		// the burst is 20 on both nodes, one refilled a second: 10 failures on A, and B's
		// news of them, then 10 on B use it up, and B refuses within the next few
		// although
		// it saw only 10 itself (without the news it would allow 10 more)
		for (int i = 0; i < 10; i++) {
			assertThat(wrongSecret(nodeA).status()).isEqualTo(401);
		}
		Thread.sleep(300);
		for (int i = 0; i < 10; i++) {
			assertThat(wrongSecret(nodeB).status()).isIn(401, 429);
		}
		List<Integer> next = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			next.add(wrongSecret(nodeB).status());
		}
		assertThat(next).contains(429);
	}

	/** A failed client authentication from a source of this test alone. */
	private static Http.Response wrongSecret(ServerProcess node) {
		byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);
		return SocketHttp.sendFrom(THROTTLED_SOURCE, node.base(), "POST", "/oauth2/token", body, "Content-Type",
				"application/x-www-form-urlencoded", "Authorization",
				"Basic " + Base64.getEncoder().encodeToString("no-such-client:wrong".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aClientAssertionAcceptedOnOneNodeIsRefusedOnTheOther() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "assertion-replay", List.of(), List.of());
		Tessera.ServiceAccountKey key = a.uploadKey(account, root, sa.id());
		// the audience is the issuer, the same behind every node
		Map<String, String> form = new LinkedHashMap<>(key.authentication(nodeA.base()));
		form.put("grant_type", "client_credentials");

		assertThat(a.http().form("/oauth2/token", form).status()).isEqualTo(200);
		Http.Response replayed = b.http().form("/oauth2/token", form);
		assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
	}

	@Test
	void anImpersonationOnOneNodeIsInTheAuditTrailOnTheOtherAtOnce() {
		Tessera.Walkthrough world = a.walkthrough();
		String system1 = a.login(world.accountA(), "System1", Tessera.PASSWORD);
		Http.Response exchanged = b.impersonate(world.saOfB().id(), system1);
		assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);

		Http.Response events = a.http()
			.get("/iam/v1/accounts/" + world.accountB() + "/audit-events?pageSize=100", world.rootB());
		assertThat(events.status()).isEqualTo(200);
		assertThat(events.body()).contains("ImpersonateServiceAccount", world.saOfB().id());
	}

	@Test
	void aKeyRotatedOnOneNodeIsPublishedByBothAndBothSwitchToItTogether() {
		String account = a.signUp();
		String root = a.loginRoot(account);
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "rotation", List.of(), List.of());

		Http.Response rotated = managementA.post("/actuator/signingkeys", null, Map.of());
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String kid = rotated.json().get("kid").asString();

		assertSoon(() -> b.http().get("/oauth2/jwks", null).body().contains(kid),
				"node B does not publish the new key");
		assertThat(kidOf(b.serviceAccountToken(sa))).as("signing before its activation").isNotEqualTo(kid);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!kid.equals(kidOf(a.serviceAccountToken(sa))) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(kidOf(a.serviceAccountToken(sa))).isEqualTo(kid);
		assertSoon(() -> kid.equals(kidOf(b.serviceAccountToken(sa))), "node B still signs with the old key");
	}

	@Test
	void aLoginStartedOnOneNodeFinishesOnTheOther() {
		String account = a.signUp();
		Http browser = new Http(nodeA.base());
		Tessera cli = new Tessera(nodeA.base());
		Http.Response authorize = cli.authorize(browser);
		assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);

		// each step on the other node than the one before, as a balancer without
		// stickiness may send it
		Http.Response page = browser.browse(onNode(authorize.header("Location"), nodeB));
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		Http.Response login = browser.browserForm("/login",
				Http.fields("account", account, "username", "", "password", Tessera.PASSWORD, "_csrf", csrf.group(1)));
		assertThat(login.status()).as(login.toString()).isEqualTo(302);
		assertThat(login.header("Location")).doesNotContain("error");
		Http.Response callback = browser.browse(onNode(login.header("Location"), nodeB));
		assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
		String code = Tessera.codeOf(callback);

		Http.Response token = cli.redeem(code);
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		assertThat(Tessera.claims(Tessera.accessToken(token)).get("sub").asString()).contains(account);
	}

	/** The same URL on another node: what a balancer in front of both would do. */
	private static String onNode(String url, ServerProcess node) {
		return url.replace(nodeA.base(), node.base()).replace(nodeB.base(), node.base());
	}

	private static String kidOf(String token) {
		return Tessera.header(token).get("kid").asString();
	}

	/** Kills node B, and starts it again for the other tests. */
	@Test
	void aNodeKilledUnderLoadLosesNoAcknowledgedWriteAndTheOtherKeepsServing() throws Exception {
		String account = a.signUp();
		String root = a.loginRoot(account);
		List<String> acknowledged = new CopyOnWriteArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> writers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			Thread thread = new Thread(() -> {
				for (int i = 0; !stop.get(); i++) {
					String name = "user-" + writer + "-" + i;
					try {
						Http.Response created = b.http()
							.post("/iam/v1/accounts/" + account + "/users", root,
									Map.of("name", name, "password", Tessera.PASSWORD));
						if (created.status() == 201) {
							acknowledged.add(name);
						}
					}
					catch (RuntimeException ex) {
						return;
					}
				}
			});
			thread.start();
			writers.add(thread);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		try {
			nodeB.kill();
		}
		finally {
			stop.set(true);
			for (Thread thread : writers) {
				thread.join(10_000);
			}
			nodeB = startB.start();
		}

		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);
		for (String name : acknowledged) {
			Http.Response user = a.http().get("/iam/v1/accounts/" + account + "/users/" + name, root);
			assertThat(user.status()).as("acknowledged by the killed node: " + name).isEqualTo(200);
		}
		ServiceAccountCredentials sa = a.createServiceAccount(account, root, "after-the-kill", List.of(), List.of());
		assertThat(a.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(200);
	}

	private static String perms(Tessera node, ServiceAccountCredentials sa) {
		return String.valueOf(Tessera.claims(node.serviceAccountToken(sa)).get("perms"));
	}

	private static JsonNode introspect(Tessera node, ServiceAccountCredentials sa, String token) {
		Http.Response response = node.http()
			.form("/oauth2/introspect", Http.fields("token", token), sa.id(), sa.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static void assertSoon(BooleanSupplier condition, String failure) {
		long start = System.nanoTime();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - start > WITHIN.toNanos()) {
				throw new AssertionError(failure + " after " + WITHIN.toMillis() + " ms");
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private interface NodeStarter {

		ServerProcess start() throws Exception;

	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
