package org.tessera;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.tessera.storage.StorageServiceCredential;
import org.tessera.vserver.VServerApplication;
import org.tessera.vstorage.VStorageApplication;

/**
 * The one command that starts everything: the authorization server, then the demo
 * resource servers vServer and vStorage, as separate applications in one JVM.
 * Command-line arguments go to the authorization server, except the active profiles,
 * which all get; vServer reads {@code vserver.properties} (and {@code TESSERA_VSERVER_*}
 * environment variables), vStorage {@code vstorage.properties}, and is handed the
 * storage-service credential and the data directory of the authorization server beside
 * it. Each application also has a main of its own to run it alone;
 * {@code --tessera.vserver.enabled=false} and {@code --tessera.vstorage.enabled=false}
 * leave them out, as a node of a deployment runs.
 */
public final class TesseraLauncher {

	private TesseraLauncher() {
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext authorizationServer = SpringApplication.run(TesseraApplication.class, args);
		Environment environment = authorizationServer.getEnvironment();
		if (environment.getProperty("tessera.vserver.enabled", Boolean.class, true)) {
			VServerApplication.start(profiles(args));
		}
		if (environment.getProperty("tessera.vstorage.enabled", Boolean.class, true)) {
			VStorageApplication.start(vStorageArguments(args, authorizationServer));
		}
	}

	/**
	 * The profiles, the data directory, the issuer and the storage-service secret of the
	 * authorization server beside it: vStorage asks it for signing keys with that secret.
	 */
	static String[] vStorageArguments(String[] args, ConfigurableApplicationContext authorizationServer) {
		List<String> arguments = new ArrayList<>(Arrays.asList(profiles(args)));
		Environment environment = authorizationServer.getEnvironment();
		arguments.add("--tessera.data-dir=" + environment.getProperty("tessera.data-dir", "./data"));
		arguments
			.add("--tessera.vstorage.issuer=" + environment.getProperty("tessera.issuer", "http://localhost:9000"));
		arguments.add("--tessera.vstorage.service-secret="
				+ authorizationServer.getBean(StorageServiceCredential.class).secret());
		return arguments.toArray(String[]::new);
	}

	/**
	 * The {@code --spring.profiles.active} arguments, which both applications share (e.g.
	 * {@code demo}).
	 */
	static String[] profiles(String[] args) {
		return Arrays.stream(args).filter((arg) -> arg.startsWith("--spring.profiles.active=")).toArray(String[]::new);
	}

}
