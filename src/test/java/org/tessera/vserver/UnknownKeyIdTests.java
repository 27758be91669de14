package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * vServer against an issuer that counts its JWK set requests: a key the issuer adds is
 * accepted from the first token it signs, while tokens naming made-up key ids, however
 * many, make vServer fetch the set again at most once per
 * {@code tessera.vserver.jwks-refetch-interval}.
 */
class UnknownKeyIdTests {

	private static final String SERVERS = "/vserver/v1/accounts/123456789012/servers";

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private volatile List<JWK> published = List.of();

	@Test
	void madeUpKeyIdsCostTheIssuerNoMoreThanOneRequestPerIntervalWhileANewKeyIsAcceptedAtOnce() throws Exception {
		HttpServer issuerServer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		issuerServer.createContext("/oauth2/jwks", this::serveJwks);
		issuerServer.start();
		String issuer = "http://localhost:" + issuerServer.getAddress().getPort();
		int port = IntegrationTest.freePort();
		try (ConfigurableApplicationContext vServer = VServerApplication.start("--server.port=" + port,
				"--tessera.vserver.issuer=" + issuer, "--tessera.vserver.jwks-refetch-interval=1h")) {
			Http http = new Http("http://localhost:" + port);
			ECKey first = AccessTokens.key("first");
			this.published = List.of(first.toPublicJWK());

			assertThat(http.get(SERVERS, AccessTokens.signedBy(first, issuer)).status()).isEqualTo(403);
			assertThat(this.jwksRequests).hasValue(1);

			ECKey second = AccessTokens.key("second");
			this.published = List.of(first.toPublicJWK(), second.toPublicJWK());
			assertThat(http.get(SERVERS, AccessTokens.signedBy(second, issuer)).status()).isEqualTo(403);
			assertThat(this.jwksRequests).hasValue(2);

			for (int i = 0; i < 30; i++) {
				ECKey stranger = AccessTokens.key("made-up-" + i);
				Http.Response response = http.get(SERVERS, AccessTokens.signedBy(stranger, issuer));
				assertThat(response.status()).as(response.toString()).isEqualTo(401);
				assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
			}
			assertThat(this.jwksRequests).hasValue(2);
			assertThat(http.get(SERVERS, AccessTokens.signedBy(first, issuer)).status()).isEqualTo(403);
		}
		finally {
			issuerServer.stop(0);
		}
	}

	private void serveJwks(HttpExchange exchange) throws IOException {
		this.jwksRequests.incrementAndGet();
		byte[] body = new JWKSet(this.published).toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
