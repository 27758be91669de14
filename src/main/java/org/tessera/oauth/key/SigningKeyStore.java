package org.tessera.oauth.key;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.crypto.SecretBox;

/**
 * The {@code signing_key} table. Private JWKs are written only sealed by the
 * {@link SecretBox}, bound to their key id, so a sealed key copied into another row does
 * not open; clear JWKs left by an older version are read as they are and
 * {@link #sealClearKeys sealed} on start.
 */
final class SigningKeyStore {

	private final JdbcClient jdbc;

	private final SecretBox box;

	SigningKeyStore(JdbcClient jdbc, SecretBox box) {
		this.jdbc = jdbc;
		this.box = box;
	}

	/** Every stored key, in the order they start signing, private parts included. */
	List<StoredSigningKey> all() {
		return this.jdbc
			.sql("SELECT kid, algorithm, jwk, sealed_jwk, created_at, activates_at FROM signing_key"
					+ " ORDER BY activates_at, created_at, kid")
			.query((rs, row) -> new StoredSigningKey(
					read(rs.getString("kid"), rs.getString("jwk"), rs.getString("sealed_jwk")),
					rs.getString("algorithm"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("activates_at").toInstant()))
			.list();
	}

	/**
	 * Stores a key, published from {@code createdAt}, signing from {@code activatesAt}.
	 */
	void add(JWK key, String algorithm, Instant createdAt, Instant activatesAt) {
		this.jdbc.sql(
				"INSERT INTO signing_key (kid, algorithm, sealed_jwk, created_at, activates_at) VALUES (?, ?, ?, ?, ?)")
			.params(key.getKeyID(), algorithm, this.box.seal(key.toJSONString(), context(key.getKeyID())),
					Timestamp.from(createdAt), Timestamp.from(activatesAt))
			.update();
	}

	/** Deletes a retired key: no token it signed is still valid. */
	void delete(String kid) {
		this.jdbc.sql("DELETE FROM signing_key WHERE kid = ?").param(kid).update();
	}

	/** Seals every key an older version stored in clear; answers how many there were. */
	int sealClearKeys() {
		List<JWK> clear = this.jdbc.sql("SELECT kid, jwk FROM signing_key WHERE jwk IS NOT NULL ORDER BY kid")
			.query((rs, row) -> read(rs.getString("kid"), rs.getString("jwk"), null))
			.list();
		for (JWK key : clear) {
			this.jdbc.sql("UPDATE signing_key SET sealed_jwk = ?, jwk = NULL WHERE kid = ?")
				.params(this.box.seal(key.toJSONString(), context(key.getKeyID())), key.getKeyID())
				.update();
		}
		return clear.size();
	}

	private JWK read(String kid, @Nullable String clear, @Nullable String sealed) {
		String json = (sealed != null) ? this.box.open(sealed, context(kid)) : clear;
		if (json == null) {
			throw new IllegalStateException("the signing key " + kid + " has neither a sealed nor a clear JWK");
		}
		try {
			JWK key = JWK.parse(json);
			if (!kid.equals(key.getKeyID())) {
				throw new IllegalStateException("the signing key stored as " + kid + " says it is " + key.getKeyID());
			}
			return key;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("the stored signing key " + kid + " is not a JWK", ex);
		}
	}

	private static String context(String kid) {
		return "signing_key/" + kid;
	}

}
