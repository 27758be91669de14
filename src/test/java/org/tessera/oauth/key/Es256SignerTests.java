package org.tessera.oauth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

/**
 * Tessera's own ES256 signer must produce what every JOSE library verifies: here the
 * JDK's ECDSA, through nimbus-jose-jwt's verifier, over enough signatures that R and S
 * with leading zero bytes (one in 128 signatures has one) are among them.
 */
class Es256SignerTests {

	private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

	private final ECKey key = generate(Curve.P_256);

	private final Es256Signer signer = new Es256Signer(this.key);

	@Test
	void everySignatureVerifiesWithTheJdksEcdsa() throws Exception {
		ECDSAVerifier verifier = new ECDSAVerifier(this.key.toPublicJWK());
		for (int i = 0; i < 2_000; i++) {
			byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
			Base64URL signature = this.signer.sign(ES256, input);

			assertThat(signature.decode()).hasSize(64);
			assertThat(verifier.verify(ES256, input, signature)).as("signature %d", i).isTrue();
		}
	}

	@Test
	void aSignatureDoesNotVerifyForOtherInputOrAnotherKey() throws Exception {
		byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
		Base64URL signature = this.signer.sign(ES256, input);

		assertThat(new ECDSAVerifier(this.key.toPublicJWK()).verify(ES256, input, signature)).isTrue();
		assertThat(new ECDSAVerifier(this.key.toPublicJWK()).verify(ES256,
				"header.payloae".getBytes(StandardCharsets.US_ASCII), signature))
			.isFalse();
		assertThat(new ECDSAVerifier(generate(Curve.P_256).toPublicJWK()).verify(ES256, input, signature)).isFalse();
	}

	@Test
	void theNonceIsFreshForEverySignature() throws Exception {
		byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);

		assertThat(this.signer.sign(ES256, input)).isNotEqualTo(this.signer.sign(ES256, input));
	}

	@Test
	void anotherAlgorithmInTheHeaderIsRefused() {
		assertThatThrownBy(() -> this.signer.sign(new JWSHeader(JWSAlgorithm.ES384), new byte[1]))
			.isInstanceOf(JOSEException.class)
			.hasMessageContaining("ES384");
	}

	@Test
	void onlyAPrivateP256KeyIsAccepted() {
		// a P-384 key with a private scalar small enough for P-256: only Tessera's own
		// check refuses it
		ECKey p384 = new ECKey.Builder(generate(Curve.P_384).toPublicJWK()).d(Base64URL.encode(new byte[] { 1, 2, 3 }))
			.build();
		for (ECKey other : List.of(this.key.toPublicJWK(), p384)) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Es256Signer(other))
				.withMessage("ES256 needs a private P-256 key");
		}
	}

	@Test
	void es256TokensAreSignedByThisSigner() {
		assertThat(SigningAlgorithm.ES256.signer(this.key)).isInstanceOf(Es256Signer.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SigningAlgorithm.ES256.signer(SigningAlgorithm.EdDSA.generateKey()));
	}

	private static ECKey generate(Curve curve) {
		try {
			return new ECKeyGenerator(curve).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
