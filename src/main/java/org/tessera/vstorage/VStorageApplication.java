package org.tessera.vstorage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo object store "vStorage": enough of the S3 REST API (path-style) for the AWS
 * SDKs and s3cmd, every request signed with AWS Signature Version 4 by an access key of a
 * Tessera service account and allowed by that account's policies. It never sees a secret:
 * it asks Tessera for each key's per-day signing key (the enforcement artifact's
 * {@code org.tessera.enforcement.sigv4}). Objects are files under its data directory. It
 * reads {@code vstorage.properties}, which switches off the auto-configurations it does
 * not need (DataSource, JDBC, Flyway, Spring Security, the authorization server).
 */
@SpringBootApplication
public class VStorageApplication {

	/** The configuration file name, {@code vstorage.properties}. */
	public static final String CONFIG_NAME = "vstorage";

	public static void main(String[] args) {
		start(args);
	}

	/**
	 * Starts vStorage with the given command-line arguments (e.g.
	 * {@code --server.port=8082}) and returns its context; closing the context stops it.
	 */
	public static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(VStorageApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.run(args);
	}

}
