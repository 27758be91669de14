package org.tessera.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;
import org.tessera.support.TestDatabase;

/**
 * Stopping the server with SIGTERM, as an operator or a supervisor does, lets the request
 * in flight finish with its answer, and writes what was still in memory: the last use of
 * a service account and the audit trail are there when the server starts again.
 */
@Tag("storage")
class GracefulShutdownTests {

	@Test
	void aStoppedServerAnswersTheRequestInFlightAndKeepsLastUseAndAudit() throws Exception {
		Path data = Path.of("target", "shutdown-data", UUID.randomUUID().toString()).toAbsolutePath();
		int port = IntegrationTest.freePort();
		List<String> args = new ArrayList<>(Arrays.stream(TestDatabase.withDatabase("--tessera.data-dir=" + data))
			.filter((arg) -> !arg.startsWith("--tessera.data-dir="))
			.toList());
		// last-use times reach the database only at shutdown
		args.add("--tessera.service-accounts.last-use-flush=PT1H");
		List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

		ServerProcess server = ServerProcess.authorizationServer(port, data, data.resolveSibling("first.log"), jvm,
				args);
		server.awaitReady(Duration.ofSeconds(90));
		Tessera tessera = new Tessera(server.base());
		Tessera.Walkthrough world = tessera.walkthrough();
		String system1 = tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		assertThat(tessera.impersonate(world.saOfB().id(), system1).status()).isEqualTo(200);
		ServiceAccountCredentials sa = world.saOfB();
		tessera.serviceAccountToken(sa);

		String body = "grant_type=client_credentials";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /oauth2/token HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
					+ Base64.getEncoder().encodeToString((sa.id() + ":" + sa.secret()).getBytes(StandardCharsets.UTF_8))
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body.substring(0, 5))
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(500);
			server.terminate();
			Thread.sleep(1000);
			out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = readAll(socket.getInputStream());
			assertThat(answer).startsWith("HTTP/1.1 200").contains("access_token");
		}
		server.close();

		try (ServerProcess again = ServerProcess.authorizationServer(port, data, data.resolveSibling("second.log"), jvm,
				args)) {
			again.awaitReady(Duration.ofSeconds(90));
			Http http = new Tessera(again.base()).http();
			String rootB = new Tessera(again.base()).loginRoot(world.accountB());
			Http.Response stored = http.get("/iam/v1/accounts/" + world.accountB() + "/service-accounts/" + sa.id(),
					rootB);
			assertThat(stored.json().get("lastUsedAt").isNull()).as(stored.toString()).isFalse();
			Http.Response events = http.get("/iam/v1/accounts/" + world.accountB() + "/audit-events?pageSize=100",
					rootB);
			assertThat(events.body()).contains("ImpersonateServiceAccount");
		}
	}

	private static String readAll(InputStream in) throws Exception {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		return all.toString(StandardCharsets.UTF_8);
	}

}
