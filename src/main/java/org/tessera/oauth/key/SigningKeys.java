package org.tessera.oauth.key;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.crypto.SecretBox;
import org.tessera.crypto.StorageCompaction;

/**
 * The server's JWS signing keys, kept in the database so that tokens survive restarts,
 * their private parts sealed under the key-encryption key (see {@link SecretBox}), so
 * that the database file or a backup of it alone cannot mint a token. On the first start
 * (or when the configured algorithm has no key yet) a key is generated; the newest key of
 * the configured algorithm signs, and every stored key is published at {@code jwks_uri},
 * so a key can be rotated without invalidating tokens it signed. Keys an older version
 * stored in clear are sealed on start and the database file is compacted, so that their
 * clear text does not stay in old pages.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final JWK activeKey;

	private final JWKSet allKeys;

	private final SigningAlgorithm algorithm;

	public SigningKeys(JdbcClient jdbc, DataSource dataSource, SecretBox box, TesseraProperties properties,
			Clock clock) {
		this.algorithm = SigningAlgorithm.of(properties.signing().algorithm());
		SigningKeyStore store = new SigningKeyStore(jdbc, box);
		int sealed = store.sealClearKeys();
		if (sealed > 0) {
			log.warn("Sealed {} signing key(s) an older version stored in clear. Backups taken before this start"
					+ " still hold them in clear: see the upgrade notes on retiring such a key.", sealed);
			StorageCompaction.compact(dataSource, "the clear signing keys just sealed");
		}
		List<JWK> stored;
		try {
			stored = store.all();
		}
		catch (SecretBox.UnreadableSecretException ex) {
			String message = "The stored signing keys cannot be decrypted (" + ex.getMessage() + "). Configure the"
					+ " key-encryption key backed up with this database; the server does not start, because a new"
					+ " signing key would invalidate every token issued.";
			log.error(message);
			throw new IllegalStateException(message, ex);
		}
		JWK active = null;
		for (JWK key : stored) {
			if (key.getAlgorithm() != null && key.getAlgorithm().getName().equals(this.algorithm.getName())) {
				active = key;
			}
		}
		List<JWK> keys = new ArrayList<>(stored);
		if (active == null) {
			active = this.algorithm.generateKey();
			store.add(active, this.algorithm.getName(), clock.instant());
			keys.add(active);
		}
		this.activeKey = active;
		this.allKeys = new JWKSet(keys);
	}

	/**
	 * Every key, private parts included: the JWK set endpoint publishes only the public
	 * parts.
	 */
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

}
