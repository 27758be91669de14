package org.tessera.oauth.key;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.util.BigIntegers;

/**
 * Signs ES256 JWS with Bouncy Castle's P-256 arithmetic, which keeps precomputed
 * multiples of the base point between signatures: several times the JDK's signing rate on
 * JDK 17, about twice it on JDK 25. Bouncy Castle's JCA provider reaches the same rate
 * only with keys of its own, and costs start-up time to register, so the lightweight API
 * is used (the measurements are in
 * src/site/markdown/decisions/0003-es256-with-bouncy-castle.md). The nonce is random,
 * from {@link SecureRandom}, as in the JDK's ECDSA. The {@link JCAContext} that
 * nimbus-jose-jwt asks for is not used: no JCA provider or random source set there
 * applies. Thread-safe.
 */
final class Es256Signer implements JWSSigner {

	private static final int COORDINATE_BYTES = 32;

	private static final ECNamedDomainParameters P_256 = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
			CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));

	private final ECPrivateKeyParameters key;

	private final SecureRandom random = new SecureRandom();

	private final JCAContext context = new JCAContext();

	Es256Signer(ECKey key) {
		if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
			throw new IllegalArgumentException("ES256 needs a private P-256 key");
		}
		this.key = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(), P_256);
	}

	@Override
	public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
		if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
			throw new JOSEException("this key signs ES256, not " + header.getAlgorithm());
		}
		ECDSASigner signer = new ECDSASigner();
		signer.init(true, new ParametersWithRandom(this.key, this.random));
		BigInteger[] signature = signer.generateSignature(sha256(signingInput));
		// RFC 7518 section 3.4: R and S as 32-byte unsigned big-endian integers,
		// concatenated
		byte[] concatenated = new byte[2 * COORDINATE_BYTES];
		BigIntegers.asUnsignedByteArray(signature[0], concatenated, 0, COORDINATE_BYTES);
		BigIntegers.asUnsignedByteArray(signature[1], concatenated, COORDINATE_BYTES, COORDINATE_BYTES);
		return Base64URL.encode(concatenated);
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return Set.of(JWSAlgorithm.ES256);
	}

	@Override
	public JCAContext getJCAContext() {
		return this.context;
	}

	private static byte[] sha256(byte[] input) throws JOSEException {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new JOSEException("SHA-256 is missing from this JDK", ex);
		}
	}

}
