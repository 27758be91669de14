package org.tessera.jose;

import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

/**
 * Nimbus's {@code DefaultJWSVerifierFactory}, which knows RSA, EC and HMAC keys, plus
 * Ed25519 public keys verified by Nimbus's {@link Ed25519Verifier} (Tink).
 */
final class Ed25519VerifierFactory implements JWSVerifierFactory {

	private final DefaultJWSVerifierFactory defaults = new DefaultJWSVerifierFactory();

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		if (key instanceof EdECPublicKey ed25519 && JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
			return new Ed25519Verifier(Ed25519PublicKeys.toJwk(ed25519));
		}
		return this.defaults.createJWSVerifier(header, key);
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		Set<JWSAlgorithm> algorithms = new HashSet<>(this.defaults.supportedJWSAlgorithms());
		algorithms.add(JWSAlgorithm.EdDSA);
		return algorithms;
	}

	@Override
	public JCAContext getJCAContext() {
		return this.defaults.getJCAContext();
	}

}
