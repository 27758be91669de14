package org.tessera.jose;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Nimbus's {@code JWSVerificationKeySelector}, with Ed25519 keys too: the public keys of
 * a JWK set that match a token's header (algorithm, {@code kid}, use), for an allowed
 * algorithm only.
 */
final class JwkSetKeySelector implements JWSKeySelector<SecurityContext> {

	private final Set<JWSAlgorithm> algorithms;

	private final JWKSource<SecurityContext> keys;

	JwkSetKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
		this.algorithms = algorithms;
		this.keys = keys;
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!this.algorithms.contains(header.getAlgorithm())) {
			return List.of();
		}
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		if (matcher == null) {
			return List.of();
		}
		List<Key> selected = new ArrayList<>();
		for (JWK jwk : this.keys.get(new JWKSelector(matcher), context)) {
			if (jwk instanceof OctetKeyPair okp) {
				try {
					selected.add(Ed25519PublicKeys.toJava(okp));
				}
				catch (GeneralSecurityException ex) {
					// not a usable Ed25519 key: like Nimbus's selector, skip it
				}
			}
			else {
				KeyConverter.toJavaKeys(List.of(jwk))
					.stream()
					.filter(PublicKey.class::isInstance)
					.forEach(selected::add);
			}
		}
		return selected;
	}

}
