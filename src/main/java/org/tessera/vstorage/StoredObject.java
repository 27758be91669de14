package org.tessera.vstorage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What vStorage keeps about an object besides its bytes.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param etag the quoted hex MD5 of its bytes
 * @param contentType the Content-Type it was stored with
 * @param lastModified when it was stored
 * @param metadata its {@code x-amz-meta-*} headers, names lowercased without the prefix
 */
record StoredObject(String key, long size, String etag, String contentType, Instant lastModified,
		Map<String, String> metadata) {

	StoredObject {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(etag, "etag");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(lastModified, "lastModified");
		metadata = Map.copyOf(metadata);
	}

}
