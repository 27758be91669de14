package org.tessera.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * An uploaded public key is verified on every {@code private_key_jwt} request of its
 * service account, so only keys whose verification costs what a normal key costs are
 * accepted: RSA with 2048 to 4096 bits and the exponent 65537, EC on P-256. Every other
 * key is refused at upload with a 400 that names {@code publicKeyPem} and says why.
 */
class UploadedKeyLimitsTests extends IntegrationTest {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final BigInteger F4 = BigInteger.valueOf(65537);

	private String keys;

	private String root;

	private ServiceAccountCredentials sa;

	@BeforeEach
	void serviceAccount() {
		String account = this.tessera.signUp();
		this.root = this.tessera.loginRoot(account);
		this.sa = this.tessera.createServiceAccount(account, this.root, "Keyed", List.of(), List.of());
		this.keys = "/iam/v1/accounts/" + account + "/service-accounts/" + this.sa.id() + "/keys";
	}

	@Test
	void anRsaKeyWithAHugePublicExponentIsRefusedAtUpload() throws Exception {
		BigInteger modulus = modulus(3072);
		BigInteger hugeExponent = modulus.subtract(BigInteger.TWO);

		Http.Response refused = upload(rsa(modulus, hugeExponent));

		assertRefused(refused, "exponent 65537");
	}

	@Test
	void anRsaKeyWithTheExponentThreeIsRefusedAtUpload() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, BigInteger.valueOf(3)));

		Http.Response refused = upload(generator.generateKeyPair().getPublic());

		assertRefused(refused, "exponent 65537");
	}

	@Test
	void rsaKeysOf1024And8192BitsAreRefusedAtUpload() throws Exception {
		assertRefused(upload(rsa(modulus(1024), F4)), "2048 to 4096 bits");
		assertRefused(upload(rsa(modulus(8192), F4)), "2048 to 4096 bits");
	}

	@Test
	void anEcKeyOnAnotherCurveThanP256IsRefusedAtUpload() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));

		assertRefused(upload(generator.generateKeyPair().getPublic()), "P-256");
	}

	@Test
	void rsaKeysOf2048And4096BitsWithTheExponent65537AreAcceptedAndSign() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();

		Http.Response small = upload(pair.getPublic());
		Http.Response large = upload(rsa(modulus(4096), F4));

		assertThat(small.status()).as(small.toString()).isEqualTo(201);
		assertThat(small.json().get("algorithm").asString()).isEqualTo("RS256");
		assertThat(large.status()).as(large.toString()).isEqualTo(201);
		Http.Response token = this.tessera.http()
			.form("/oauth2/token",
					Http.fields("grant_type", "client_credentials", "client_id", this.sa.id(), "client_assertion_type",
							"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
							assertion(pair, small.json().get("keyId").asString())));
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
	}

	private Http.Response upload(PublicKey key) {
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		return this.tessera.http().post(this.keys, this.root, Map.of("publicKeyPem", pem));
	}

	private static void assertRefused(Http.Response response, String reason) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).contains("application/problem+json");
		assertThat(response.json().get("field").asString()).isEqualTo("publicKeyPem");
		assertThat(response.json().get("detail").asString()).contains(reason);
	}

	/**
	 * An RSA public key with any modulus and exponent: the server only reads it, so no
	 * pair is needed.
	 */
	private static PublicKey rsa(BigInteger modulus, BigInteger exponent) throws Exception {
		return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
	}

	private static BigInteger modulus(int bits) {
		return new BigInteger(bits, RANDOM).setBit(bits - 1).setBit(0);
	}

	private String assertion(KeyPair pair, String keyId) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
				new JWTClaimsSet.Builder().issuer(this.sa.id())
					.subject(this.sa.id())
					.audience(issuer())
					.expirationTime(Date.from(Instant.now().plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.build());
		jwt.sign(new RSASSASigner(pair.getPrivate()));
		return jwt.serialize();
	}

}
