package org.tessera;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.vserver.VServerApplication;

/**
 * The one command that starts everything: the authorization server, then the demo
 * resource server vServer, as two separate applications in one JVM. Command-line
 * arguments go to the authorization server, except the active profiles, which both get;
 * vServer reads {@code vserver.properties} (and {@code TESSERA_VSERVER_*} environment
 * variables). Each application also has a main of its own to run it alone;
 * {@code --tessera.vserver.enabled=false} runs the authorization server alone from this
 * one too, as a node of a deployment runs it.
 */
public final class TesseraLauncher {

	private TesseraLauncher() {
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext authorizationServer = SpringApplication.run(TesseraApplication.class, args);
		if (authorizationServer.getEnvironment().getProperty("tessera.vserver.enabled", Boolean.class, true)) {
			VServerApplication.start(profiles(args));
		}
	}

	/**
	 * The {@code --spring.profiles.active} arguments, which both applications share (e.g.
	 * {@code demo}).
	 */
	static String[] profiles(String[] args) {
		return Arrays.stream(args).filter((arg) -> arg.startsWith("--spring.profiles.active=")).toArray(String[]::new);
	}

}
