package org.tessera.vserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo resource server "vServer": a toy compute API that trusts only the access token
 * of the Tessera authorization server and the policies inside it. It learns the issuer's
 * keys from {@code jwks_uri} over HTTP and never reads the IAM database. It reads its
 * configuration from {@code vserver.properties} (not {@code application.properties},
 * which belongs to the authorization server), and that file switches off the
 * auto-configurations it does not need (DataSource, JDBC, Flyway, the authorization
 * server).
 */
@SpringBootApplication
public class VServerApplication {

	/** The configuration file name, {@code vserver.properties}. */
	public static final String CONFIG_NAME = "vserver";

	public static void main(String[] args) {
		start(args);
	}

	/**
	 * Starts vServer with the given command-line arguments (e.g.
	 * {@code --server.port=8081}) and returns its context; closing the context stops it.
	 */
	public static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(VServerApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
