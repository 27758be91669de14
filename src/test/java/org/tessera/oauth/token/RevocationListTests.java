package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.health.ServiceUnavailableException;

/**
 * The revocation list holds a bounded number of live revocations in memory, keeps every
 * one it accepted in the database (read back at start), refuses one more with 503 rather
 * than forget another, and makes room as tokens expire. On a real H2 database of the
 * schema's table.
 */
class RevocationListTests {

	private Instant now = Instant.parse("2026-12-06T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return RevocationListTests.this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	};

	private JdbcClient jdbc;

	@BeforeEach
	void database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:revocations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc.sql(
				"CREATE TABLE revoked_token (jti VARCHAR(64) PRIMARY KEY, expires_at TIMESTAMP WITH TIME ZONE NOT NULL)")
			.update();
	}

	@Test
	void pastItsLimitOfLiveRevocationsARevocationIsRefusedAndNoEarlierOneIsForgotten() {
		RevocationList list = new RevocationList(this.jdbc, this.clock, 100, 1_000_000);
		for (int i = 0; i < 100; i++) {
			list.revoke("jti-" + i, this.now.plusSeconds(600));
		}

		assertThatThrownBy(() -> list.revoke("jti-100", this.now.plusSeconds(600)))
			.isInstanceOf(ServiceUnavailableException.class);
		for (int i = 0; i < 100; i++) {
			assertThat(list.isRevoked("jti-" + i)).as("jti-" + i).isTrue();
		}
		assertThat(list.isRevoked("jti-100")).isFalse();
		assertThat(this.jdbc.sql("SELECT count(*) FROM revoked_token").query(Integer.class).single()).isEqualTo(100);
		// revoking one already revoked again is no new entry
		list.revoke("jti-7", this.now.plusSeconds(600));
	}

	@Test
	void aClientMayRevokeOnlySoManyTokensAnHourAndOthersStillMay() {
		RevocationList list = new RevocationList(this.jdbc, this.clock, 1000, 10);
		for (int i = 0; i < 10; i++) {
			list.revoke("a-" + i, this.now.plusSeconds(600), "client-a");
		}

		assertThatThrownBy(() -> list.revoke("a-10", this.now.plusSeconds(600), "client-a"))
			.isInstanceOf(ServiceUnavailableException.class);
		list.revoke("b-0", this.now.plusSeconds(600), "client-b");
		assertThat(list.isRevoked("a-10")).isFalse();
		assertThat(list.isRevoked("b-0")).isTrue();
	}

	@Test
	void revocationsOfExpiredTokensMakeRoomEvenBetweenPurges() {
		RevocationList list = new RevocationList(this.jdbc, this.clock, 100, 1_000_000);
		for (int i = 0; i < 100; i++) {
			list.revoke("short-" + i, this.now.plusSeconds(60));
		}
		this.now = this.now.plusSeconds(61);

		list.revoke("later", this.now.plusSeconds(600));

		assertThat(list.isRevoked("later")).isTrue();
		assertThat(list.isRevoked("short-1")).isFalse();
	}

	@Test
	void revocationsSurviveARestartAndThePurgeDropsExpiredOnesFromMemoryAndDatabase() {
		RevocationList list = new RevocationList(this.jdbc, this.clock, 1000, 1_000_000);
		list.revoke("long", this.now.plusSeconds(3600));
		list.revoke("short", this.now.plusSeconds(60));

		RevocationList restarted = new RevocationList(this.jdbc, this.clock, 1000, 1_000_000);
		assertThat(restarted.isRevoked("long")).isTrue();
		assertThat(restarted.isRevoked("short")).isTrue();
		assertThat(restarted.isRevoked("never")).isFalse();

		this.now = this.now.plusSeconds(120);
		restarted.purgeExpired();
		assertThat(restarted.isRevoked("long")).isTrue();
		assertThat(restarted.isRevoked("short")).isFalse();
		assertThat(this.jdbc.sql("SELECT jti FROM revoked_token").query(String.class).list()).containsExactly("long");
	}

	@Test
	void aFullListFindsEveryRevokedTokenAndNoOther() {
		RevokedFingerprints fingerprints = new RevokedFingerprints(200_000);
		long expiry = this.now.getEpochSecond() + 3600;
		for (int i = 0; i < 200_000; i++) {
			assertThat(fingerprints.add("r" + i, expiry, this.now.getEpochSecond())).isTrue();
		}
		assertThat(fingerprints.add("one-more", expiry, this.now.getEpochSecond())).isFalse();
		for (int i = 0; i < 200_000; i++) {
			assertThat(fingerprints.contains("r" + i)).isTrue();
			assertThat(fingerprints.contains("n" + i)).isFalse();
		}
		assertThat(fingerprints.size()).isEqualTo(200_000);
	}

}
