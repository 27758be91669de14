package org.tessera.vstorage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.IntegrationTest;

/**
 * Tessera's side of the signing-key contract as a test plays it: {@code POST
 * /storage/v1/signing-keys} with Basic {@code vstorage:<secret>} answers the per-day
 * signing key of the access keys it holds, with their owner's account and {@code perms},
 * and 404 for any other key. Starts vStorages that trust it. Closing it stops its HTTP
 * server.
 */
final class StubSigningKeys implements AutoCloseable {

	static final String SERVICE_SECRET = "vstorage-test-secret";

	private final HttpServer server;

	private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile long maxAgeSeconds = 5;

	private StubSigningKeys(HttpServer server) {
		this.server = server;
	}

	static StubSigningKeys start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		StubSigningKeys stub = new StubSigningKeys(server);
		server.createContext("/storage/v1/signing-keys", stub::serve);
		server.start();
		return stub;
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/** Adds an access key of {@code account} whose owner has the given statements. */
	AccessKey add(String account, List<Map<String, Object>> perms) {
		String id = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
		AccessKey key = new AccessKey(id, UUID.randomUUID().toString(), account, perms);
		this.keys.put(id, key);
		return key;
	}

	/** Adds the access key {@code id} with the given secret. */
	AccessKey add(String id, String secret, String account, List<Map<String, Object>> perms) {
		AccessKey key = new AccessKey(id, secret, account, perms);
		this.keys.put(id, key);
		return key;
	}

	/** An access key allowed every vStorage action in its account. */
	AccessKey fullAccess(String account) {
		return add(account, List.of(statement("vstorage:*", "crn:vstorage:" + account + ":*")));
	}

	void remove(AccessKey key) {
		this.keys.remove(key.id());
	}

	int requests() {
		return this.requests.get();
	}

	void maxAgeSeconds(long seconds) {
		this.maxAgeSeconds = seconds;
	}

	static Map<String, Object> statement(String action, String resource) {
		return Map.of("effect", "Allow", "actions", List.of(action), "resources", List.of(resource));
	}

	/** A vStorage on a free port trusting this stub, its data under target/. */
	RunningVStorage startVStorage(String... arguments) {
		int port = IntegrationTest.freePort();
		Path data = Path.of("target", "vstorage-data", UUID.randomUUID().toString()).toAbsolutePath();
		String[] all = new String[arguments.length + 4];
		all[0] = "--server.port=" + port;
		all[1] = "--tessera.vstorage.issuer=" + url();
		all[2] = "--tessera.vstorage.service-secret=" + SERVICE_SECRET;
		all[3] = "--tessera.vstorage.data-directory=" + data;
		System.arraycopy(arguments, 0, all, 4, arguments.length);
		return new RunningVStorage(VStorageApplication.start(all), "http://localhost:" + port, data);
	}

	private void serve(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString(("vstorage:" + SERVICE_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!"POST".equals(exchange.getRequestMethod())) {
			send(exchange, 405, "application/problem+json", "{\"status\":405}");
			return;
		}
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "application/problem+json", "{\"status\":401}");
			return;
		}
		Map<String, Object> body;
		try {
			body = JSONObjectUtils.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (java.text.ParseException ex) {
			send(exchange, 400, "application/problem+json", "{\"status\":400}");
			return;
		}
		AccessKey key = this.keys.get(String.valueOf(body.get("accessKeyId")));
		if (key == null) {
			send(exchange, 404, "application/problem+json", "{\"status\":404}");
			return;
		}
		String date = (String) body.get("date");
		String region = (String) body.get("region");
		String service = (String) body.get("service");
		byte[] signingKey = hmac(
				hmac(hmac(hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), date), region), service),
				"aws4_request");
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("accessKeyId", key.id());
		answer.put("date", date);
		answer.put("region", region);
		answer.put("service", service);
		answer.put("signingKey", HexFormat.of().formatHex(signingKey));
		answer.put("acct", key.account());
		answer.put("sub", "crn:iam:" + key.account() + ":service-account/sa-" + key.id().toLowerCase());
		answer.put("perms", key.perms());
		answer.put("maxAgeSeconds", this.maxAgeSeconds);
		send(exchange, 200, "application/json", JSONObjectUtils.toJSONString(answer));
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** An access key the stub holds. */
	record AccessKey(String id, String secret, String account, List<Map<String, Object>> perms) {
	}

	/** A started vStorage; closing it stops it. */
	record RunningVStorage(ConfigurableApplicationContext context, String url, Path data) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

}
