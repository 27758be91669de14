package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.TesseraApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.Tessera.ServiceAccountKey;
import org.tessera.support.TestDatabase;

/**
 * Throttling by source with the real defaults, on a server of its own: 127.0.0.1 is the
 * real client and person, other loopback addresses (which reach the server on Linux) are
 * attackers, one address per test so the tests do not depend on each other's order.
 */
@Tag("storage")
@SpringBootTest(classes = TesseraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ThrottleDefaultsTests {

	private static final int PORT = IntegrationTest.freePort();

	private static final Path DATA = Path.of("target", "throttle-data", UUID.randomUUID().toString()).toAbsolutePath();

	private static final String TRUSTED_PROXY = "127.0.0.3";

	private Tessera tessera;

	@DynamicPropertySource
	static void server(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("tessera.issuer", ThrottleDefaultsTests::issuer);
		registry.add("tessera.data-dir", DATA::toString);
		TestDatabase.register(registry);
		registry.add("tessera.throttle.trusted-proxies", () -> TRUSTED_PROXY);
	}

	private static String issuer() {
		return "http://localhost:" + PORT;
	}

	@BeforeEach
	void client() {
		this.tessera = new Tessera(issuer());
	}

	@Test
	void aThousandFailuresFromOneSourceNeverStopTheRealClientOrPersonFromAnother() throws JOSEException {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "Person");
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "worker", List.of(), List.of());
		ServiceAccountKey key = this.tessera.uploadKey(account, root, sa.id());
		ECKey wrongKey = new ECKeyGenerator(Curve.P_256).generate();
		FromSource attacker = new FromSource("127.0.0.2", PORT);
		attacker.openLoginPage();

		long started = System.nanoTime();
		int clientFailuresChecked = 0;
		int loginFailuresChecked = 0;
		for (int i = 0; i < 1000; i++) {
			Http.Response response = switch (i % 4) {
				case 0 -> attacker.clientSecret(sa.id(), "wrong-secret-" + i);
				case 1 -> attacker.clientAssertion(Http.fields("client_id", sa.id(), "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
						assertion(sa.id(), key.keyId(), wrongKey)));
				case 2 -> attacker.login(account, "", "wrong password " + i);
				default -> attacker.login(account, "Person", "wrong password " + i);
			};
			assertThat(response.status() == 401 || response.status() == 429 || FromSource.isWrongLogin(response))
				.as("attempt %d: %s", i, response)
				.isTrue();
			clientFailuresChecked += (response.status() == 401) ? 1 : 0;
			loginFailuresChecked += FromSource.isWrongLogin(response) ? 1 : 0;
		}
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
		// the budgets refill (one a second, one per 10 s) while a slow machine runs the
		// loop: fail on until refused
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ZERO)
			.until(() -> attacker.clientSecret(sa.id(), "wrong").status() == 429);
		assertTooManyRequests(attacker.clientSecret(sa.id(), "wrong"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ZERO)
			.until(() -> attacker.login(account, "Person", "wrong password").status() == 429);
		Http.Response refusedLogin = attacker.login(account, "Person", "wrong password");

		assertThat(clientFailuresChecked).as("a burst of 50, then one a second").isBetween(50, 50 + (int) seconds);
		assertThat(loginFailuresChecked).as("a burst of 20, then one per 10 s").isBetween(5, 20 + (int) seconds / 10);
		assertThat(this.tessera.clientCredentials(sa.id(), sa.secret()).status()).as("the real secret").isEqualTo(200);
		assertThat(this.tessera.http().form("/oauth2/token", withGrant(key.authentication(issuer()))).status())
			.as("the real key")
			.isEqualTo(200);
		assertThat(this.tessera.login(account, "", Tessera.PASSWORD)).as("the real root user").isNotBlank();
		assertThat(this.tessera.login(account, "Person", Tessera.PASSWORD)).as("the real IAM user").isNotBlank();
		assertThat(refusedLogin.status()).as(refusedLogin.toString()).isEqualTo(429);
		assertThat(Long.parseLong(refusedLogin.header("Retry-After"))).isPositive();
		assertThat(refusedLogin.contentType()).startsWith("text/html");
		assertThat(refusedLogin.body())
			.contains("Too many failed sign-ins; try again in " + refusedLogin.header("Retry-After"));
	}

	@Test
	void forwardedForNamesTheSourceOnlyWhenATrustedProxySaysIt() {
		FromSource proxy = new FromSource(TRUSTED_PROXY, PORT);
		FromSource untrusted = new FromSource("127.0.0.6", PORT);
		for (int i = 0; i < 50; i++) {
			assertThat(proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.7").status())
				.isEqualTo(401);
		}
		// the budget refills one a second: fail on until the source is refused
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ZERO)
			.until(() -> proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.7").status() == 429);

		assertTooManyRequests(proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.7"));
		assertTooManyRequests(proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "203.0.113.1, 198.51.100.7"));
		assertThat(proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.8").status())
			.as("another client behind the proxy")
			.isEqualTo(401);
		assertThat(proxy.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.7, 198.51.100.8").status())
			.as("the client cannot hide behind an address it writes itself")
			.isEqualTo(401);
		assertThat(untrusted.clientSecret("sa-nobody", "wrong", "X-Forwarded-For", "198.51.100.7").status())
			.as("an untrusted peer's X-Forwarded-For is ignored")
			.isEqualTo(401);
	}

	@Test
	void oneNameFromOneSourceWaitsLongerAfterEachFailurePastTheFreeOnes() {
		String account = this.tessera.signUp();
		FromSource guesser = new FromSource("127.0.0.4", PORT);
		guesser.openLoginPage();
		for (int i = 0; i < 6; i++) {
			assertThat(FromSource.isWrongLogin(guesser.login(account, "", "wrong password " + i))).isTrue();
		}

		Http.Response waiting = guesser.login(account, "", Tessera.PASSWORD);

		assertThat(waiting.status()).as("even the right password waits, from this source").isEqualTo(429);
		assertThat(waiting.header("Retry-After")).isEqualTo("1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> guesser.login(account, "", Tessera.PASSWORD).status() == 302);
	}

	@Test
	void oneSourceMaySignUpTenTimesThenWaits() {
		FromSource signer = new FromSource("127.0.0.5", PORT);
		for (int i = 0; i < 10; i++) {
			assertThat(signUp(signer).status()).isEqualTo(201);
		}

		Http.Response refused = signUp(signer);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 360L);
		assertThat(refused.json().get("detail").asString()).contains("too many sign-ups");
		assertThat(this.tessera.signUp()).as("another source signs up at once").isNotBlank();
	}

	private static Http.Response signUp(FromSource source) {
		return source.postJson("/iam/v1/accounts", "{\"email\":\"root-" + UUID.randomUUID()
				+ "@example.test\",\"password\":\"" + Tessera.PASSWORD + "\"}");
	}

	private static void assertTooManyRequests(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(429);
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
		assertThat(response.contentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.json().get("error").asString()).isEqualTo("too_many_requests");
		assertThat(response.json().get("error_description").asString()).isNotBlank();
	}

	private static Map<String, String> withGrant(Map<String, String> authentication) {
		Map<String, String> fields = new java.util.LinkedHashMap<>(authentication);
		fields.put("grant_type", "client_credentials");
		return fields;
	}

	private String assertion(String saId, String keyId, ECKey signer) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
					new JWTClaimsSet.Builder().issuer(saId)
						.subject(saId)
						.audience(issuer())
						.expirationTime(Date.from(Instant.now().plusSeconds(60)))
						.jwtID(UUID.randomUUID().toString())
						.build());
			jwt.sign(new ECDSASigner(signer));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
