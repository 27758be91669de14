package org.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tessera.support.TestDatabase;

/**
 * The cluster channel and lock on a real PostgreSQL server, two "nodes" in one JVM: news
 * reaches the other node and not the sender, a rolled-back change is never announced, a
 * lost listening connection comes back and resynchronizes, and a job runs on one node at
 * a time.
 */
@Tag("storage")
class PostgresClusterTests {

	private PGSimpleDataSource dataSource;

	private final RecordingListener heardByOne = new RecordingListener();

	private final RecordingListener heardByTwo = new RecordingListener();

	private PostgresCluster one;

	private PostgresCluster two;

	@BeforeEach
	void twoNodes() {
		Assumptions.assumeTrue(TestDatabase.isPostgresql(), "the cluster channel is PostgreSQL's");
		this.dataSource = new PGSimpleDataSource();
		this.dataSource.setURL(TestDatabase.createDatabase());
		this.dataSource.setUser(TestDatabase.username());
		this.dataSource.setPassword(TestDatabase.password());
		this.one = node(this.heardByOne);
		this.two = node(this.heardByTwo);
		this.one.start();
		this.two.start();
		this.heardByOne.resynchronized.set(0);
		this.heardByTwo.resynchronized.set(0);
	}

	@AfterEach
	void stop() {
		if (this.one != null) {
			this.one.stop();
			this.two.stop();
		}
	}

	@Test
	void newsReachesTheOtherNodeAndNotTheSender() {
		this.one.publish("test", "key with spaces\tand a tab");
		this.one.publishSoon("test", "soon");

		awaitHeard(this.heardByTwo, 2);
		assertThat(this.heardByTwo.keys).containsExactly("key with spaces\tand a tab", "soon");
		assertThat(this.heardByOne.keys).isEmpty();
	}

	@Test
	void aChangeThatRollsBackIsNeverAnnounced() throws Exception {
		try (var connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (var statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
				statement.setString(1, PostgresCluster.CHANNEL);
				statement.setString(2, "someone\ttest\trolled-back");
				statement.executeQuery().close();
			}
			connection.rollback();
		}
		this.one.publish("test", "committed");

		awaitHeard(this.heardByTwo, 1);
		assertThat(this.heardByTwo.keys).containsExactly("committed");
	}

	@Test
	void aLostListeningConnectionComesBackAndResynchronizes() throws Exception {
		JdbcClient admin = JdbcClient.create(this.dataSource);
		admin
			.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
					+ " AND datname = current_database() AND pid <> pg_backend_pid()")
			.query()
			.listOfRows();

		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.heardByTwo.resynchronized.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.heardByTwo.resynchronized.get()).isPositive();
		this.one.publish("test", "after the loss");
		awaitHeard(this.heardByTwo, 1);
	}

	@Test
	void aJobRunsOnOneNodeAtATime() {
		AtomicBoolean ranInside = new AtomicBoolean();
		boolean ran = this.one.runAlone("job", () -> ranInside.set(this.two.runAlone("job", () -> {
		})));

		assertThat(ran).isTrue();
		assertThat(ranInside).as("node two ran the job while node one held it").isFalse();
		assertThat(this.two.runAlone("job", () -> {
		})).as("released after node one's run").isTrue();
		assertThat(this.two.runAlone("another job", () -> {
		})).isTrue();
	}

	private PostgresCluster node(ClusterListener listener) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("listener", listener);
		return new PostgresCluster(this.dataSource, JdbcClient.create(this.dataSource),
				beans.getBeanProvider(ClusterListener.class));
	}

	private static void awaitHeard(RecordingListener listener, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		while (listener.keys.size() < count && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(listener.keys).as("heard within a second").hasSizeGreaterThanOrEqualTo(count);
	}

	private static final class RecordingListener implements ClusterListener {

		final List<String> keys = new CopyOnWriteArrayList<>();

		final AtomicInteger resynchronized = new AtomicInteger();

		@Override
		public String topic() {
			return "test";
		}

		@Override
		public void changed(String key) {
			this.keys.add(key);
		}

		@Override
		public void resynchronize() {
			this.resynchronized.incrementAndGet();
		}

	}

}
