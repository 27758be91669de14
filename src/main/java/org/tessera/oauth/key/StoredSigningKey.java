package org.tessera.oauth.key;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * A signing key as stored: published from {@code createdAt}, signing from
 * {@code activatesAt} until the next key activates.
 */
record StoredSigningKey(JWK key, String algorithm, Instant createdAt, Instant activatesAt) {

	String kid() {
		return this.key.getKeyID();
	}

}
