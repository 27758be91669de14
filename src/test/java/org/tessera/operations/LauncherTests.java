package org.tessera.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tessera.support.IntegrationTest;
import org.tessera.support.ServerProcess;

/**
 * The jar's main class runs a node of a deployment, the authorization server without the
 * demo vServer and vStorage, with a setting each.
 */
class LauncherTests {

	@Test
	void vServerAndVStorageEnabledFalseStartTheAuthorizationServerAlone() throws Exception {
		Path data = Path.of("target", "launcher-data", UUID.randomUUID().toString()).toAbsolutePath();
		Path log = data.resolveSibling(data.getFileName() + ".log");
		int port = IntegrationTest.freePort();
		try (ServerProcess server = ServerProcess.start(ServerProcess.testJava(),
				List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), System.getProperty("java.class.path"),
				"org.tessera.TesseraLauncher", log,
				List.of("--tessera.vserver.enabled=false", "--tessera.vstorage.enabled=false", "--server.port=" + port,
						"--tessera.issuer=http://localhost:" + port, "--tessera.data-dir=" + data))) {
			server.awaitReady("http://localhost:" + port + ServerProcess.METADATA_PATH, Duration.ofSeconds(90));
			Thread.sleep(2000);
			assertThat(server.isAlive()).isTrue();
		}
		String output = Files.readString(log);
		// vServer and vStorage, when started, are the Tomcats on 8081 and 8082 (their
		// properties)
		assertThat(output).contains("Tomcat started on port " + port + " ")
			.doesNotContain("Tomcat started on port 8081 ")
			.doesNotContain("Tomcat started on port 8082 ");
	}

}
