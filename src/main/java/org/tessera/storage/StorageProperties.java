package org.tessera.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tessera.storage.*} settings: how a storage service (vStorage, or any
 * S3-compatible service an operator runs) proves itself to Tessera, and how long it may
 * keep a derived signing key.
 *
 * @param serviceName the user name the storage service sends with HTTP Basic
 * @param serviceSecret its password, at least 32 characters, the same on every node; when
 * empty, {@code <data-dir>/storage-service.secret}, created once with owner-only
 * permissions (one node only)
 * @param signingKeyMaxAge how long the storage service may keep a derived signing key and
 * the policies that came with it before asking again: the longest a disabled key or a
 * changed policy goes unnoticed there
 */
@ConfigurationProperties("tessera.storage")
public record StorageProperties(@DefaultValue("vstorage") String serviceName, @DefaultValue("") String serviceSecret,
		@DefaultValue("5s") Duration signingKeyMaxAge) {

	@Override
	public String toString() {
		return "StorageProperties[" + this.serviceName + ", secret=<hidden>, " + this.signingKeyMaxAge + "]";
	}

}
