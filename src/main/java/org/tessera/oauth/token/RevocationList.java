package org.tessera.oauth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.cluster.ClusterChannel;
import org.tessera.cluster.ClusterListener;
import org.tessera.health.ServiceUnavailableException;

/**
 * The {@code jti} of every revoked, not yet expired access token. Issuing a token writes
 * nothing; only a revocation writes a row (table {@code revoked_token}, the truth, read
 * back at start), and the row goes when the token would have expired anyway. Reads are
 * served from memory ({@link RevokedFingerprints}, a few dozen bytes a revocation), which
 * holds at most {@code tessera.revocation.max-live} live revocations: past that, and
 * after dropping those that expired, a revocation is refused with 503 (RFC 7009 section
 * 2.2.1: the client must assume the token is still valid and retry later), never recorded
 * in part and never at the cost of another revocation. So that one client cannot use the
 * whole list up, a client may also revoke at most
 * {@code tessera.revocation.max-per-client-per-hour} tokens an hour (503 beyond). Nodes
 * sharing the database tell each other of every revocation, within a second.
 */
@Component
public class RevocationList implements ClusterListener {

	private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

	/**
	 * Seconds after which a refused revocation may succeed: the earliest revoked tokens
	 * expire meanwhile.
	 */
	private static final int RETRY_AFTER_SECONDS = 60;

	/** Standard SQL's MERGE, which H2 and PostgreSQL both run: jti, expires_at. */
	private static final String UPSERT = """
			MERGE INTO revoked_token r
			USING (SELECT CAST(? AS VARCHAR(64)) AS jti, CAST(? AS TIMESTAMP WITH TIME ZONE) AS expires_at) n
			ON r.jti = n.jti
			WHEN MATCHED THEN UPDATE SET expires_at = n.expires_at
			WHEN NOT MATCHED THEN INSERT (jti, expires_at) VALUES (n.jti, n.expires_at)""";

	private static final String TOPIC = "revocation";

	private final JdbcClient jdbc;

	private final @Nullable ClusterChannel cluster;

	private final int maxLive;

	private final Clock clock;

	private final RevokedFingerprints revoked;

	private final int maxPerClientPerHour;

	/**
	 * Revocations per client in the hour since its first one; a client of no revocation
	 * this hour has none.
	 */
	private final Cache<String, AtomicInteger> perClient;

	/** A revocation list of a single node. */
	public RevocationList(JdbcClient jdbc, Clock clock, int maxLive, int maxPerClientPerHour) {
		this(jdbc, clock, maxLive, maxPerClientPerHour, null);
	}

	/**
	 * A revocation list that tells the other nodes of each revocation, and hears theirs.
	 */
	@Autowired
	public RevocationList(JdbcClient jdbc, Clock clock, @Value("${tessera.revocation.max-live:500000}") int maxLive,
			@Value("${tessera.revocation.max-per-client-per-hour:1000}") int maxPerClientPerHour,
			@Nullable ClusterChannel cluster) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.cluster = cluster;
		this.maxLive = maxLive;
		this.revoked = new RevokedFingerprints(maxLive);
		this.maxPerClientPerHour = maxPerClientPerHour;
		this.perClient = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofHours(1))
			.maximumSize(100_000)
			.executor(Runnable::run)
			.build();
		load();
	}

	/** Adds every live revocation of the database. */
	private synchronized void load() {
		long now = this.clock.instant().getEpochSecond();
		int[] skipped = { 0 };
		this.jdbc.sql("SELECT jti, expires_at FROM revoked_token WHERE expires_at >= ?")
			.param(Timestamp.from(this.clock.instant()))
			.query((rs) -> {
				if (!this.revoked.add(rs.getString(1), rs.getTimestamp(2).toInstant().getEpochSecond(), now)) {
					skipped[0]++;
				}
			});
		if (skipped[0] > 0) {
			log.error("{} revocations of the database do not fit in tessera.revocation.max-live={}; raise it",
					skipped[0], this.maxLive);
		}
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	/** Another node revoked a token: {@code jti expiresAtEpochSecond}. */
	@Override
	public void changed(String key) {
		int space = key.lastIndexOf(' ');
		if (space <= 0) {
			return;
		}
		long expiresAt = Long.parseLong(key.substring(space + 1));
		synchronized (this) {
			this.revoked.add(key.substring(0, space), expiresAt, this.clock.instant().getEpochSecond());
		}
	}

	/** Revocations may have been missed: they are all in the database. */
	@Override
	public void resynchronize() {
		load();
	}

	/**
	 * Revokes the token with this {@code jti} until {@code expiresAt}; durable before it
	 * returns.
	 * @throws ServiceUnavailableException when the list holds as many live revocations as
	 * it may
	 */
	public void revoke(String jti, Instant expiresAt) {
		Instant now = this.clock.instant();
		if (!expiresAt.isAfter(now)) {
			return;
		}
		synchronized (this) {
			if (!this.revoked.hasRoomFor(jti, now.getEpochSecond())) {
				log.warn("A revocation was refused: the revocation list holds its maximum of live revocations");
				throw new ServiceUnavailableException(
						"the token could not be revoked now; it is still valid, retry later", RETRY_AFTER_SECONDS);
			}
			try {
				this.jdbc.sql(UPSERT).params(jti, Timestamp.from(expiresAt)).update();
			}
			catch (DuplicateKeyException ex) {
				// another node revoked the same token at the same moment: it is revoked
			}
			this.revoked.add(jti, expiresAt.getEpochSecond(), now.getEpochSecond());
		}
		if (this.cluster != null) {
			this.cluster.publish(TOPIC, jti + ' ' + expiresAt.getEpochSecond());
		}
	}

	/**
	 * Revokes the token with this {@code jti}, issued to {@code clientId}, until
	 * {@code expiresAt}, within the client's hourly allowance; durable before it returns.
	 * @throws ServiceUnavailableException when the client used its allowance up, or the
	 * list is full
	 */
	public void revoke(String jti, Instant expiresAt, String clientId) {
		AtomicInteger count = this.perClient.get(clientId, (client) -> new AtomicInteger());
		if (count.incrementAndGet() > this.maxPerClientPerHour) {
			count.decrementAndGet();
			log.warn("A revocation was refused: the client revoked {} tokens within the hour",
					this.maxPerClientPerHour);
			throw new ServiceUnavailableException(
					"this client revoked too many tokens within the hour; the token is still valid, retry later",
					RETRY_AFTER_SECONDS);
		}
		try {
			revoke(jti, expiresAt);
		}
		catch (RuntimeException ex) {
			count.decrementAndGet();
			throw ex;
		}
	}

	public boolean isRevoked(String jti) {
		return this.revoked.contains(jti);
	}

	/** Forgets revocations of tokens that have expired by now. */
	@Scheduled(fixedDelayString = "PT10M")
	public void purgeExpired() {
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(Timestamp.from(now)).update();
		this.revoked.removeExpired(now.getEpochSecond());
	}

}
