package org.tessera.serviceaccount;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.tessera.iam.InvalidRequestException;

/**
 * Key material of service-account keys: generating a pair (the private half is returned
 * once as PKCS#8 PEM and never stored), reading an uploaded public key PEM, and both as a
 * public JWK whose {@code alg} is the one algorithm the key signs with. Only ES256
 * (P-256) keys and RSA keys (RS256 or PS256) of 2048 to 4096 bits with the public
 * exponent 65537 are accepted: every assertion check verifies with the uploaded key, and
 * a larger modulus or exponent would let one service account make each of its token
 * requests many times as costly.
 */
final class KeyPairs {

	private static final int MIN_RSA_BITS = 2048;

	private static final int MAX_RSA_BITS = 4096;

	private static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);

	private KeyPairs() {
	}

	/**
	 * A generated key: the public JWK to store and the private key PEM to hand out once.
	 */
	record Generated(JWK publicKey, String privateKeyPem) {

		@Override
		public String toString() {
			return "Generated[" + this.publicKey.getKeyID() + ", private=<hidden>]";
		}

	}

	static Generated generate(String keyId, String algorithm) {
		try {
			if ("ES256".equals(algorithm)) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp256r1"));
				KeyPair pair = generator.generateKeyPair();
				return new Generated(jwk(keyId, pair.getPublic(), JWSAlgorithm.RS256),
						pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			}
			if ("RS256".equals(algorithm) || "PS256".equals(algorithm)) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				KeyPair pair = generator.generateKeyPair();
				return new Generated(jwk(keyId, pair.getPublic(), JWSAlgorithm.parse(algorithm)),
						pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a " + algorithm + " key", ex);
		}
		throw new InvalidRequestException("algorithm", "must be ES256, RS256 or PS256");
	}

	/**
	 * Reads a {@code -----BEGIN PUBLIC KEY-----} PEM (X.509 SubjectPublicKeyInfo); an RSA
	 * key signs with {@code algorithm} (RS256 when null, or PS256), an EC key with ES256.
	 */
	static JWK parsePublicKey(String keyId, String pem, @Nullable String algorithm) {
		JWK key = parsePublicKey(keyId, pem);
		if (algorithm == null || algorithm.equals(algorithmOf(key))) {
			return key;
		}
		if (key instanceof RSAKey rsa && "PS256".equals(algorithm)) {
			return new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.PS256).build();
		}
		throw new InvalidRequestException("algorithm",
				(key instanceof RSAKey) ? "an uploaded RSA key signs with RS256 or PS256, not " + algorithm
						: "an uploaded EC key signs with ES256, not " + algorithm);
	}

	private static JWK parsePublicKey(String keyId, String pem) {
		String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
			.replace("-----END PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		byte[] der;
		try {
			der = Base64.getDecoder().decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("publicKeyPem", "must be a PEM public key (BEGIN PUBLIC KEY)");
		}
		for (String type : new String[] { "EC", "RSA" }) {
			try {
				PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
				return jwk(keyId, key, JWSAlgorithm.RS256);
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				// not this type: try the next
			}
		}
		throw new InvalidRequestException("publicKeyPem", "must be a P-256 EC or an RSA public key in PEM");
	}

	static String algorithmOf(JWK key) {
		return key.getAlgorithm().getName().toUpperCase(Locale.ROOT);
	}

	private static JWK jwk(String keyId, PublicKey key, JWSAlgorithm rsaAlgorithm) {
		if (key instanceof ECPublicKey ec) {
			if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
				throw new InvalidRequestException("publicKeyPem", "an EC key must be on curve P-256");
			}
			return new ECKey.Builder(Curve.P_256, ec).keyID(keyId)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build();
		}
		if (key instanceof RSAPublicKey rsa) {
			int bits = rsa.getModulus().bitLength();
			if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
				throw new InvalidRequestException("publicKeyPem",
						"an RSA key must have 2048 to 4096 bits, not " + bits);
			}
			if (!RSA_EXPONENT.equals(rsa.getPublicExponent())) {
				throw new InvalidRequestException("publicKeyPem", "an RSA key must have the public exponent 65537");
			}
			return new RSAKey.Builder(rsa).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(rsaAlgorithm).build();
		}
		throw new InvalidRequestException("publicKeyPem", "must be a P-256 EC or an RSA public key in PEM");
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

}
