package org.tessera.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.TesseraApplication;

/**
 * Base of integration tests: the real authorization server on a free port with its real
 * database, H2 in a fresh directory or a fresh PostgreSQL database
 * ({@link TestDatabase}), shared by all test classes of a run (tests isolate themselves
 * by signing up their own accounts). Tagged {@code storage}: the build runs these classes
 * on both databases.
 */
@Tag("storage")
@SpringBootTest(classes = TesseraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class IntegrationTest {

	private static final int PORT = freePort();

	/**
	 * Where the console looks for vServer; only tests that use the console's vServer page
	 * start one there ({@link #vServerPort()}).
	 */
	private static final int VSERVER_PORT = freePort();

	private static final Path DATA = Path.of("target", "it-data", UUID.randomUUID().toString()).toAbsolutePath();

	/** The credential vStorage asks this server for signing keys with. */
	protected static final String STORAGE_SERVICE_SECRET = "storage-service-secret-of-the-tests-0123456789";

	protected Tessera tessera;

	@DynamicPropertySource
	static void server(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("tessera.issuer", IntegrationTest::issuer);
		registry.add("tessera.data-dir", DATA::toString);
		registry.add("tessera.storage.service-secret", () -> STORAGE_SERVICE_SECRET);
		registry.add("tessera.tokens.resources", () -> "http://localhost:8081,https://reports.example.test/api");
		registry.add("tessera.console.vserver-url", () -> "http://localhost:" + VSERVER_PORT);
		TestDatabase.register(registry);
		// fuzz and bad-input tests send thousands of failures and sign-ups from
		// 127.0.0.1; the real
		// defaults are tested on a server of their own (ThrottleDefaultsTests)
		registry.add("tessera.throttle.client-failure-burst", () -> 1_000_000);
		registry.add("tessera.throttle.login-failure-burst", () -> 1_000_000);
		registry.add("tessera.throttle.login-free-failures", () -> 1_000_000);
		registry.add("tessera.throttle.sign-up-burst", () -> 1_000_000);
	}

	@BeforeEach
	void client() {
		this.tessera = new Tessera(issuer());
	}

	/** The port the console expects vServer on. */
	protected static int vServerPort() {
		return VSERVER_PORT;
	}

	protected static String issuer() {
		return "http://localhost:" + PORT;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
