package org.tessera.cluster;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cluster channel and lock on PostgreSQL. News goes out with {@code pg_notify} on the
 * channel {@value #CHANNEL}, in the publishing transaction (PostgreSQL delivers it at
 * commit, never for a rollback) or, for {@link #publishSoon}, grouped every
 * {@value #FLUSH_MILLIS} ms. One thread per node holds a connection that listens to the
 * channel, sends the grouped news, and hands each line not of this node to the listener
 * of its topic. When that connection is lost, the thread opens another and has every
 * listener resynchronize, since news sent meanwhile is lost. Each line is
 * {@code node topic key}, separated by tabs, the key URL-encoded.
 *
 * <p>
 * The lock is a session-level advisory lock held by a connection of its own while the job
 * runs; a node that dies releases it with its connection.
 */
final class PostgresCluster implements Cluster, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);

	static final String CHANNEL = "tessera_cluster";

	/** How often grouped news is sent, and how long a listen waits for news at most. */
	static final int FLUSH_MILLIS = 100;

	/** The longest payload sent at once; PostgreSQL's limit is 8000 bytes. */
	private static final int MAX_PAYLOAD = 7000;

	/**
	 * Grouped news waiting beyond this is dropped (with a warning): a flood must not fill
	 * the heap.
	 */
	private static final int MAX_PENDING = 50_000;

	private static final long RECONNECT_MILLIS = 1000;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final ObjectProvider<ClusterListener> listenerBeans;

	private final String node = newNodeId();

	private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final CountDownLatch firstListen = new CountDownLatch(1);

	private volatile Map<String, List<ClusterListener>> listeners;

	private volatile boolean running;

	private volatile boolean overflowing;

	private Thread thread;

	PostgresCluster(DataSource dataSource, JdbcClient jdbc, ObjectProvider<ClusterListener> listenerBeans) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.listenerBeans = listenerBeans;
	}

	@Override
	public void publish(String topic, String key) {
		this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, line(topic, key)).query().listOfRows();
	}

	@Override
	public void publishSoon(String topic, String key) {
		if (this.pendingCount.incrementAndGet() > MAX_PENDING) {
			this.pendingCount.decrementAndGet();
			if (!this.overflowing) {
				this.overflowing = true;
				log.warn("News for the other nodes is dropped: more than {} are waiting to be sent", MAX_PENDING);
			}
			return;
		}
		this.overflowing = false;
		this.pending.add(line(topic, key));
	}

	@Override
	public boolean runAlone(String job, Runnable work) {
		long lockKey = job.hashCode() + ((long) CHANNEL.hashCode() << 32);
		try (Connection connection = this.dataSource.getConnection()) {
			if (!advisory(connection, "SELECT pg_try_advisory_lock(?)", lockKey)) {
				return false;
			}
			try {
				work.run();
				return true;
			}
			finally {
				advisory(connection, "SELECT pg_advisory_unlock(?)", lockKey);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("the lock of job " + job + " could not be taken", ex);
		}
	}

	private static boolean advisory(Connection connection, String sql, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/** Starts listening, and returns once the first listen is in place. */
	@Override
	public void start() {
		this.listeners = this.listenerBeans.orderedStream()
			.collect(Collectors.groupingBy(ClusterListener::topic, Collectors.toList()));
		this.running = true;
		this.thread = new Thread(this::listen, "cluster-listener");
		this.thread.setDaemon(true);
		this.thread.start();
		try {
			if (!this.firstListen.await(30, TimeUnit.SECONDS)) {
				log.warn("Not yet listening to the other nodes after 30 s; still trying");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Sends what is still grouped, then stops listening. */
	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			try {
				this.thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Early in, late out: the node hears other nodes before it serves, and while it does.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				PGConnection pg = connection.unwrap(PGConnection.class);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				// whatever was sent before this listen was not heard
				resynchronizeAll();
				this.firstListen.countDown();
				while (this.running) {
					flush(connection);
					PGNotification[] notifications = pg.getNotifications(FLUSH_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							dispatch(notification.getParameter());
						}
					}
				}
				flush(connection);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Lost the connection that hears the other nodes ({}); reconnecting", ex.toString());
					sleep(RECONNECT_MILLIS);
				}
			}
		}
	}

	/** Sends the grouped news, in payloads under PostgreSQL's limit. */
	private void flush(Connection connection) throws SQLException {
		List<String> payloads = new ArrayList<>();
		StringBuilder payload = new StringBuilder();
		String line;
		while ((line = this.pending.poll()) != null) {
			this.pendingCount.decrementAndGet();
			if (payload.length() > 0 && payload.length() + line.length() + 1 > MAX_PAYLOAD) {
				payloads.add(payload.toString());
				payload.setLength(0);
			}
			if (payload.length() > 0) {
				payload.append('\n');
			}
			payload.append(line);
		}
		if (payload.length() > 0) {
			payloads.add(payload.toString());
		}
		if (payloads.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
			for (String each : payloads) {
				statement.setString(1, CHANNEL);
				statement.setString(2, each);
				statement.executeQuery().close();
			}
		}
	}

	private void dispatch(String payload) {
		for (String line : payload.split("\n")) {
			String[] parts = line.split("\t", 3);
			if (parts.length != 3 || parts[0].equals(this.node)) {
				continue;
			}
			String key = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
			for (ClusterListener listener : this.listeners.getOrDefault(parts[1], List.of())) {
				try {
					listener.changed(key);
				}
				catch (RuntimeException ex) {
					log.warn("The listener of {} failed on news of another node; resynchronizing it", parts[1], ex);
					resynchronize(listener);
				}
			}
		}
	}

	private void resynchronizeAll() {
		this.listeners.values().stream().flatMap(List::stream).forEach(PostgresCluster::resynchronize);
	}

	private static void resynchronize(ClusterListener listener) {
		try {
			listener.resynchronize();
		}
		catch (RuntimeException ex) {
			log.warn("The listener of {} could not resynchronize", listener.topic(), ex);
		}
	}

	private String line(String topic, String key) {
		return this.node + '\t' + topic + '\t' + URLEncoder.encode(key, StandardCharsets.UTF_8);
	}

	private static String newNodeId() {
		byte[] id = new byte[8];
		new SecureRandom().nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
