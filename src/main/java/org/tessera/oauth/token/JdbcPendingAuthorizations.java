package org.tessera.oauth.token;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Pending authorizations in the database that several nodes share (table
 * {@code pending_authorization}, PostgreSQL), so that a login started on one node is
 * finished and its code redeemed on any other. Keys are stored as SHA-256 hashes, since a
 * code and a {@code state} are credentials while they live; the authorization is stored
 * Java-serialized and read back only as classes of Java, Spring and Tessera. Expired rows
 * are deleted at most once a minute, by whichever node writes then.
 */
final class JdbcPendingAuthorizations implements PendingAuthorizations {

	private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config
		.createFilter("java.**;org.springframework.**;org.tessera.**;!*");

	private static final long PURGE_INTERVAL_MILLIS = 60_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicLong lastPurge = new AtomicLong();

	JdbcPendingAuthorizations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void put(String key, OAuth2Authorization authorization, Duration keep) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO pending_authorization (lookup_key, content, expires_at) VALUES (?, ?, ?)
				ON CONFLICT (lookup_key) DO UPDATE SET content = EXCLUDED.content, expires_at = EXCLUDED.expires_at""")
			.params(hash(key), serialize(authorization), Timestamp.from(now.plus(keep)))
			.update();
		purgeExpired(now);
	}

	@Override
	public @Nullable OAuth2Authorization get(String key) {
		return this.jdbc.sql("SELECT content FROM pending_authorization WHERE lookup_key = ? AND expires_at > ?")
			.params(hash(key), Timestamp.from(this.clock.instant()))
			.query((rs, row) -> deserialize(rs.getBytes(1)))
			.optional()
			.orElse(null);
	}

	@Override
	public void remove(String key) {
		this.jdbc.sql("DELETE FROM pending_authorization WHERE lookup_key = ?").param(hash(key)).update();
	}

	private void purgeExpired(Instant now) {
		long last = this.lastPurge.get();
		if (now.toEpochMilli() - last >= PURGE_INTERVAL_MILLIS
				&& this.lastPurge.compareAndSet(last, now.toEpochMilli())) {
			this.jdbc.sql("DELETE FROM pending_authorization WHERE expires_at <= ?")
				.param(Timestamp.from(now))
				.update();
		}
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] serialize(OAuth2Authorization authorization) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(authorization);
		}
		catch (IOException ex) {
			throw new IllegalStateException("a login's authorization could not be stored: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

	private static OAuth2Authorization deserialize(byte[] content) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(content))) {
			in.setObjectInputFilter(CLASSES);
			return (OAuth2Authorization) in.readObject();
		}
		catch (IOException | ClassNotFoundException | ClassCastException ex) {
			throw new IllegalStateException("a stored login's authorization could not be read: " + ex.getMessage(), ex);
		}
	}

}
