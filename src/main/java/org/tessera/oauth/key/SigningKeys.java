package org.tessera.oauth.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;

/**
 * The server's JWS signing keys, kept in the database so that tokens survive restarts. On the
 * first start (or when the configured algorithm has no key yet) a key is generated; the newest
 * key of the configured algorithm signs, and every stored key is published at {@code jwks_uri},
 * so a key can be rotated without invalidating tokens it signed.
 */
@Component
public class SigningKeys {

	private final JWK activeKey;

	private final JWKSet allKeys;

	private final SignatureAlgorithm algorithm;

	public SigningKeys(JdbcClient jdbc, TesseraProperties properties, Clock clock) {
		this.algorithm = algorithm(properties.signing().algorithm());
		List<JWK> stored = jdbc.sql("SELECT jwk FROM signing_key ORDER BY created_at, kid")
			.query((rs, row) -> parse(rs.getString(1)))
			.list();
		JWK active = null;
		for (JWK key : stored) {
			if (key.getAlgorithm() != null && key.getAlgorithm().getName().equals(this.algorithm.getName())) {
				active = key;
			}
		}
		List<JWK> keys = new ArrayList<>(stored);
		if (active == null) {
			active = generate(this.algorithm);
			jdbc.sql("INSERT INTO signing_key (kid, algorithm, jwk, created_at) VALUES (?, ?, ?, ?)")
				.params(active.getKeyID(), this.algorithm.getName(), active.toJSONString(),
						Timestamp.from(clock.instant()))
				.update();
			keys.add(active);
		}
		this.activeKey = active;
		this.allKeys = new JWKSet(keys);
	}

	/** Every key, private parts included: the JWK set endpoint publishes only the public parts. */
	public JWKSource<SecurityContext> allKeys() {
		return new ImmutableJWKSet<>(this.allKeys);
	}

	/** Only the key that signs new tokens, so the encoder never has to choose. */
	public JWKSource<SecurityContext> activeKeySource() {
		return new ImmutableJWKSet<>(new JWKSet(this.activeKey));
	}

	public String activeKeyId() {
		return this.activeKey.getKeyID();
	}

	public SignatureAlgorithm algorithm() {
		return this.algorithm;
	}

	private static SignatureAlgorithm algorithm(String name) {
		return switch (name.toUpperCase(Locale.ROOT)) {
			case "ES256" -> SignatureAlgorithm.ES256;
			case "RS256" -> SignatureAlgorithm.RS256;
			default -> throw new IllegalStateException("tessera.signing.algorithm must be ES256 or RS256, not " + name);
		};
	}

	private static JWK generate(SignatureAlgorithm algorithm) {
		String kid = java.util.UUID.randomUUID().toString();
		try {
			if (algorithm == SignatureAlgorithm.ES256) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp256r1"));
				KeyPair pair = generator.generateKeyPair();
				return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
					.privateKey((ECPrivateKey) pair.getPrivate())
					.keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.build();
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a " + algorithm + " key", ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("a stored signing key is not a JWK", ex);
		}
	}

}
