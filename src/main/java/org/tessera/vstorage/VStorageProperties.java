package org.tessera.vstorage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code tessera.vstorage.*} settings.
 *
 * @param issuer the Tessera server asked for signing keys
 * @param serviceSecret the password of vStorage's Basic credential at Tessera (Tessera's
 * {@code tessera.storage.service-secret}); required
 * @param dataDirectory where buckets and objects are kept
 * @param maxObjectSize the largest object accepted
 * @param signingKeyTimeout how long connecting to Tessera, and its answer, may take each
 */
@ConfigurationProperties("tessera.vstorage")
public record VStorageProperties(@DefaultValue("http://localhost:9000") URI issuer, String serviceSecret,
		@DefaultValue("./data/vstorage") Path dataDirectory, @DefaultValue("64MB") DataSize maxObjectSize,
		@DefaultValue("5s") Duration signingKeyTimeout) {

	public VStorageProperties {
		Objects.requireNonNull(issuer, "tessera.vstorage.issuer");
		if (serviceSecret == null || serviceSecret.isBlank()) {
			throw new IllegalArgumentException("tessera.vstorage.service-secret must be set: it is "
					+ "tessera.storage.service-secret of the Tessera server at " + issuer);
		}
		if (maxObjectSize.toBytes() <= 0 || signingKeyTimeout.isNegative() || signingKeyTimeout.isZero()) {
			throw new IllegalArgumentException(
					"tessera.vstorage.max-object-size and signing-key-timeout must be positive");
		}
	}

}
