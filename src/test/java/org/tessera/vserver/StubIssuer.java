package org.tessera.vserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * An issuer a test plays: it publishes one key at {@code /oauth2/jwks} and signs the
 * tokens the test asks for, so that the test can make tokens the real authorization
 * server never issues (expired, huge). Starts vServers that trust it. Closing it stops
 * its HTTP server.
 */
final class StubIssuer implements AutoCloseable {

	private final HttpServer server;

	private final ECKey key;

	private StubIssuer(HttpServer server, ECKey key) {
		this.server = server;
		this.key = key;
	}

	static StubIssuer start() throws IOException, JOSEException {
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		StubIssuer issuer = new StubIssuer(server, AccessTokens.key("stub"));
		server.createContext("/oauth2/jwks", issuer::serveJwks);
		server.start();
		return issuer;
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * The claims of a token of this issuer for the root of account 123456789012, without
	 * permissions.
	 */
	JWTClaimsSet.Builder claims() {
		return AccessTokens.claims(url());
	}

	/**
	 * A token of the root of {@code account} that allows every vServer action in that
	 * account.
	 */
	String fullAccess(String account) throws JOSEException {
		return sign(claims().subject("crn:iam:" + account + ":root")
			.claim("acct", account)
			.claim("perms", AccessTokens.vServerFullAccess(account))
			.build());
	}

	String sign(JWTClaimsSet claims) throws JOSEException {
		return AccessTokens.sign(this.key, claims);
	}

	/**
	 * A vServer on a free port trusting this issuer, started with the given extra
	 * arguments.
	 */
	RunningVServer startVServer(String... arguments) {
		int port = IntegrationTest.freePort();
		String[] all = new String[arguments.length + 2];
		all[0] = "--server.port=" + port;
		all[1] = "--tessera.vserver.issuer=" + url();
		System.arraycopy(arguments, 0, all, 2, arguments.length);
		return new RunningVServer(VServerApplication.start(all), new Http("http://localhost:" + port));
	}

	/** A started vServer and a client of it; closing it stops the vServer. */
	record RunningVServer(ConfigurableApplicationContext context, Http http) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

	private void serveJwks(HttpExchange exchange) throws IOException {
		byte[] body = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
