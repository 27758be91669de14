package org.tessera.jose;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * Converts Ed25519 public keys between their JWK form (RFC 8037 {@code OKP}) and the
 * JDK's {@link EdECPublicKey}, which Nimbus's key selection passes around but cannot make
 * itself.
 */
final class Ed25519PublicKeys {

	/**
	 * The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes
	 * follow.
	 */
	private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private static final int KEY_LENGTH = 32;

	private Ed25519PublicKeys() {
	}

	static EdECPublicKey toJava(OctetKeyPair jwk) throws GeneralSecurityException {
		byte[] x = jwk.getX().decode();
		if (!Curve.Ed25519.equals(jwk.getCurve()) || x.length != KEY_LENGTH) {
			throw new GeneralSecurityException("not an Ed25519 public key");
		}
		byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_LENGTH);
		System.arraycopy(x, 0, encoded, X509_PREFIX.length, KEY_LENGTH);
		return (EdECPublicKey) KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
	}

	static OctetKeyPair toJwk(EdECPublicKey key) {
		byte[] encoded = key.getEncoded();
		byte[] x = Arrays.copyOfRange(encoded, encoded.length - KEY_LENGTH, encoded.length);
		return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build();
	}

}
