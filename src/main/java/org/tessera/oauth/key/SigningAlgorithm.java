package org.tessera.oauth.key;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;

/**
 * The JWS algorithms Tessera signs tokens with ({@code tessera.signing.algorithm}).
 * Spring's {@code SignatureAlgorithm} has no EdDSA, so this is the one list both the key
 * store and the token headers use. Ed25519 signs fastest; ES256 is the default because
 * every JOSE library verifies it
 * (src/site/markdown/decisions/0003-es256-with-bouncy-castle.md).
 */
public enum SigningAlgorithm implements JwsAlgorithm {

	ES256(JWSAlgorithm.ES256) {
		@Override
		JWKGenerator<?> generator() {
			return new ECKeyGenerator(Curve.P_256);
		}

		@Override
		public JWSSigner signer(JWK key) {
			if (!(key instanceof ECKey ecKey)) {
				throw new IllegalArgumentException("ES256 needs an EC key, not " + key.getKeyType());
			}
			return new Es256Signer(ecKey);
		}
	},

	RS256(JWSAlgorithm.RS256) {
		@Override
		JWKGenerator<?> generator() {
			return new RSAKeyGenerator(2048);
		}
	},

	EdDSA(JWSAlgorithm.EdDSA) {
		@Override
		JWKGenerator<?> generator() {
			return new OctetKeyPairGenerator(Curve.Ed25519);
		}
	};

	private static final int KEY_ID_BYTES = 9;

	private static final SecureRandom KEY_IDS = new SecureRandom();

	private final JWSAlgorithm jws;

	SigningAlgorithm(JWSAlgorithm jws) {
		this.jws = jws;
	}

	/**
	 * The algorithm named by a setting, case-insensitively; a clear error for any other
	 * name.
	 */
	public static SigningAlgorithm of(String name) {
		return Arrays.stream(values())
			.filter((algorithm) -> algorithm.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"tessera.signing.algorithm must be ES256, RS256 or EdDSA, not " + name));
	}

	@Override
	public String getName() {
		return this.jws.getName();
	}

	public JWSAlgorithm jws() {
		return this.jws;
	}

	/**
	 * A new private signing key of this algorithm with a random key id of 72 bits in 12
	 * characters: every token's header carries it, and it need only tell apart the few
	 * keys a JWK set publishes.
	 */
	public JWK generateKey() {
		byte[] keyId = new byte[KEY_ID_BYTES];
		KEY_IDS.nextBytes(keyId);
		try {
			return generator().keyID(Base64.getUrlEncoder().encodeToString(keyId))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(this.jws)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate a " + this + " key", ex);
		}
	}

	/** A signer for a private key of this algorithm. */
	public JWSSigner signer(JWK key) {
		try {
			return new DefaultJWSSignerFactory().createJWSSigner(key, this.jws);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("the " + this + " key " + key.getKeyID() + " cannot sign", ex);
		}
	}

	abstract JWKGenerator<?> generator();

}
