package org.tessera.jose;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;

/**
 * The Nimbus JWT processor both Tessera servers verify access tokens with: a signature by
 * a key of the JWK set, in ES256, RS256 or EdDSA (Ed25519). Spring's
 * {@code NimbusJwtDecoder} builders accept only the algorithms of Spring's
 * {@code SignatureAlgorithm}, which has no EdDSA, and Nimbus's key selector cannot hand
 * out Ed25519 keys; wrap the processor in {@code new NimbusJwtDecoder(...)}. As in
 * Spring's own builders, the type, times and claims are left to Spring Security's
 * validators ({@code JwtValidators.createAtJwtValidator()}).
 */
public final class SignedJwtProcessor {

	/** The algorithms Tessera signs with: ES256 by default, RS256 and EdDSA by choice. */
	public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
			JWSAlgorithm.EdDSA);

	private SignedJwtProcessor() {
	}

	public static JWTProcessor<SecurityContext> verifyingWith(JWKSource<SecurityContext> keys) {
		ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JwkSetKeySelector(ALGORITHMS, keys));
		processor.setJWSVerifierFactory(new Ed25519VerifierFactory());
		processor.setJWSTypeVerifier((type, context) -> {
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor;
	}

}
