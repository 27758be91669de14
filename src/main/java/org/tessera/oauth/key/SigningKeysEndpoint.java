package org.tessera.oauth.key;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * The operator's view of the signing keys on the management port:
 * {@code GET /actuator/signingkeys} lists them (never a private part), and
 * {@code POST /actuator/signingkeys} rotates at once, publishing a new key that signs
 * after {@code tessera.signing.publish-ahead}, on every node.
 */
@Component
@Endpoint(id = "signingkeys")
class SigningKeysEndpoint {

	private final SigningKeys keys;

	SigningKeysEndpoint(SigningKeys keys) {
		this.keys = keys;
	}

	@ReadOperation
	List<SigningKeyView> keys() {
		return this.keys.keys();
	}

	@WriteOperation
	SigningKeyView rotate() {
		return this.keys.rotate();
	}

}
