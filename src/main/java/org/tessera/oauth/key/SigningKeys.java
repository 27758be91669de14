package org.tessera.oauth.key;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final SigningAlgorithm algorithm;

	public SigningKeys(JdbcClient jdbc, TesseraProperties properties, Clock clock) {
		this.algorithm = SigningAlgorithm.of(properties.signing().algorithm());
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
			active = this.algorithm.generateKey();
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

	/** The private key that signs new tokens. */
	public JWK activeKey() {
		return this.activeKey;
	}

	public String activeKeyId() {
		return this.activeKey.getKeyID();
	}

	public SigningAlgorithm algorithm() {
		return this.algorithm;
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
