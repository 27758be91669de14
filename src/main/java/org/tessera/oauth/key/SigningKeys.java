package org.tessera.oauth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.cluster.ClusterChannel;
import org.tessera.cluster.ClusterListener;
import org.tessera.cluster.ClusterLock;
import org.tessera.crypto.SecretBox;
import org.tessera.crypto.StorageCompaction;

/**
 * The server's JWS signing keys, kept in the database so that tokens survive restarts and
 * every node signs with the same key, their private parts sealed under the key-encryption
 * key (see {@link SecretBox}), so that the database or a backup of it alone cannot mint a
 * token. On the first start (or when the configured algorithm has no key yet) a key is
 * generated and signs at once. Afterwards keys rotate, every
 * {@code tessera.signing.rotation-period} and on the operator's demand: a new key is
 * published at once and signs only {@code tessera.signing.publish-ahead} later, so that
 * resource servers have fetched it before they meet it; the key it replaces stays
 * published until every token it signed has expired, then goes. Which key signs is a
 * matter of the time stored with each key, so every node switches at the same moment; a
 * node hears of a new key through the cluster channel, and reads the keys again every
 * minute anyway. Keys an older version stored in clear are sealed on start and the
 * database file is compacted, so that their clear text does not stay in old pages.
 */
@Component
public class SigningKeys implements ClusterListener {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final String TOPIC = "signing-keys";

	/** The tolerance resource servers give a token's expiry, added to its lifetime. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private final SigningKeyStore store;

	private final SigningAlgorithm algorithm;

	private final Clock clock;

	private final ClusterChannel cluster;

	private final ClusterLock lock;

	private final Duration rotationPeriod;

	private final Duration publishAhead;

	/**
	 * The longest any token signed by a key can live, with the resource servers' skew.
	 */
	private final Duration tokenLifetime;

	private volatile KeyRing ring;

	private volatile JWKSet published;

	public SigningKeys(JdbcClient jdbc, DataSource dataSource, SecretBox box, TesseraProperties properties, Clock clock,
			ClusterChannel cluster, ClusterLock lock) {
		this.algorithm = SigningAlgorithm.of(properties.signing().algorithm());
		this.clock = clock;
		this.cluster = cluster;
		this.lock = lock;
		this.rotationPeriod = properties.signing().rotationPeriod();
		this.publishAhead = properties.signing().publishAhead();
		if (this.rotationPeriod.compareTo(this.publishAhead.multipliedBy(2)) < 0 || this.publishAhead.isNegative()) {
			throw new IllegalArgumentException("tessera.signing.rotation-period must be at least twice"
					+ " tessera.signing.publish-ahead, which must not be negative");
		}
		TesseraProperties.Tokens tokens = properties.tokens();
		this.tokenLifetime = max(tokens.accessTokenLifetime(), tokens.impersonationLifetime()).plus(CLOCK_SKEW);
		this.store = new SigningKeyStore(jdbc, box);
		int sealed = this.store.sealClearKeys();
		if (sealed > 0) {
			log.warn("Sealed {} signing key(s) an older version stored in clear. Backups taken before this start"
					+ " still hold them in clear: see the upgrade notes on retiring such a key.", sealed);
			StorageCompaction.compact(dataSource, "the clear signing keys just sealed");
		}
		reload();
		if (!this.ring.hasKeyOfItsAlgorithm()) {
			Instant now = clock.instant();
			this.store.add(this.algorithm.generateKey(), this.algorithm.getName(), now, now);
			reload();
		}
	}

	/** The private key that signs tokens now. */
	public JWK activeKey() {
		return this.ring.signingAt(this.clock.instant()).key();
	}

	/** The key id that signs tokens now. */
	public String activeKeyId() {
		return this.ring.signingAt(this.clock.instant()).kid();
	}

	/**
	 * The signer of {@code kid}, a key of the configured algorithm still published (the
	 * one that signs now, or one that did a moment ago), or null.
	 */
	public JWSSigner signer(String kid) {
		return this.ring.signer(kid);
	}

	/**
	 * Every published key, private parts included: the JWK set endpoint publishes only
	 * the public parts.
	 */
	public JWKSource<SecurityContext> allKeys() {
		return (selector, context) -> selector.select(this.published);
	}

	public SigningAlgorithm algorithm() {
		return this.algorithm;
	}

	/** Every stored key, in the order they start signing. */
	public List<SigningKeyView> keys() {
		Instant now = this.clock.instant();
		KeyRing current = this.ring;
		String signing = current.signingAt(now).kid();
		List<StoredSigningKey> retired = current.retiredAt(now, this.tokenLifetime);
		return current.keys()
			.stream()
			.map((key) -> new SigningKeyView(key.kid(), key.algorithm(), key.createdAt(), key.activatesAt(),
					key.kid().equals(signing) ? "signing"
							: key.activatesAt().isAfter(now) ? "published"
									: retired.contains(key) ? "retired" : "retiring"))
			.toList();
	}

	/**
	 * Makes a new key of the configured algorithm, published now and signing
	 * {@code tessera.signing.publish-ahead} from now, and tells the other nodes.
	 * @return the new key
	 */
	public SigningKeyView rotate() {
		Instant now = this.clock.instant();
		JWK key = this.algorithm.generateKey();
		Instant activatesAt = now.plus(this.publishAhead);
		this.store.add(key, this.algorithm.getName(), now, activatesAt);
		reload();
		this.cluster.publish(TOPIC, key.getKeyID());
		log.info("New signing key {} ({}) published; it signs from {}", key.getKeyID(), this.algorithm.getName(),
				activatesAt);
		return new SigningKeyView(key.getKeyID(), this.algorithm.getName(), now, activatesAt, "published");
	}

	/**
	 * Every minute, on every node: reads the keys again; and, on one node at a time,
	 * rotates when the signing key is due and deletes the retired ones.
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void maintain() {
		this.lock.runAlone("signing-key-rotation", () -> {
			reload();
			Instant now = this.clock.instant();
			if (this.ring.pendingAt(now).isEmpty() && !this.ring.signingAt(now)
				.activatesAt()
				.plus(this.rotationPeriod)
				.minus(this.publishAhead)
				.isAfter(now)) {
				rotate();
			}
			for (StoredSigningKey retired : this.ring.retiredAt(now, this.tokenLifetime)) {
				this.store.delete(retired.kid());
				log.info("Signing key {} retired: every token it signed has expired", retired.kid());
			}
		});
		reload();
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	/** Another node added a key. */
	@Override
	public void changed(String kid) {
		reload();
	}

	@Override
	public void resynchronize() {
		reload();
	}

	private synchronized void reload() {
		KeyRing next;
		try {
			next = new KeyRing(this.store.all(), this.algorithm, this.ring);
		}
		catch (SecretBox.UnreadableSecretException ex) {
			String message = "The stored signing keys cannot be decrypted (" + ex.getMessage() + "). Configure the"
					+ " key-encryption key backed up with this database; the server does not start, because a new"
					+ " signing key would invalidate every token issued.";
			log.error(message);
			throw new IllegalStateException(message, ex);
		}
		this.ring = next;
		this.published = next.publishedAt(this.clock.instant(), this.tokenLifetime);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
