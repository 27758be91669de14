package org.tessera.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the tests of a run use: H2 in each server's data directory (the default),
 * or, with {@code -Dtessera.test.database=postgresql}, a fresh database on a real
 * PostgreSQL server for each server started. The server is reached with the role of
 * {@code tessera.test.postgresql.url}, {@code .username} and {@code .password} (defaults:
 * {@code jdbc:postgresql://127.0.0.1:5432/t}, {@code t}, {@code p}, as {@code .ci/run}
 * creates them); the role needs {@code CREATEDB}.
 */
public final class TestDatabase {

	private static final String PREFIX = "tessera_test_";

	private static volatile boolean swept;

	private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

	private TestDatabase() {
	}

	/** Whether this run's servers use PostgreSQL. */
	public static boolean isPostgresql() {
		return "postgresql".equals(System.getProperty("tessera.test.database", "h2").toLowerCase(Locale.ROOT));
	}

	/**
	 * Points a Spring test context at a fresh PostgreSQL database when the run uses
	 * PostgreSQL; leaves the H2 default alone otherwise.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		if (isPostgresql()) {
			String url = createDatabase();
			registry.add("spring.datasource.url", () -> url);
			registry.add("spring.datasource.username", TestDatabase::username);
			registry.add("spring.datasource.password", TestDatabase::password);
		}
	}

	/**
	 * The command-line arguments that point a server process at a fresh PostgreSQL
	 * database when the run uses PostgreSQL, none otherwise.
	 */
	public static List<String> serverArguments() {
		if (!isPostgresql()) {
			return List.of();
		}
		return datasourceArguments(createDatabase());
	}

	/**
	 * A server's command-line {@code args} with, when the run uses PostgreSQL, the
	 * arguments that point it at the database of its {@code --tessera.data-dir}: created
	 * for the first server of that directory, the same one for a server started on it
	 * again.
	 */
	public static String[] withDatabase(String... args) {
		if (!isPostgresql()) {
			return args;
		}
		String dataDir = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--tessera.data-dir="))
			.findFirst()
			.orElseGet(() -> UUID.randomUUID().toString());
		String url = DATABASES.computeIfAbsent(dataDir, (dir) -> createDatabase());
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(datasourceArguments(url));
		return all.toArray(String[]::new);
	}

	/** The arguments that point a server process at this PostgreSQL database. */
	public static List<String> datasourceArguments(String url) {
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + username(),
				"--spring.datasource.password=" + password());
	}

	/**
	 * Creates an empty PostgreSQL database owned by the test role and returns its JDBC
	 * URL. Databases of earlier runs that nobody is connected to any more are dropped
	 * first.
	 */
	public static String createDatabase() {
		String name = PREFIX + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = DriverManager.getConnection(serverUrl(), username(), password());
				Statement statement = connection.createStatement()) {
			if (!swept) {
				swept = true;
				dropAbandoned(statement);
			}
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + serverUrl() + " is needed for this run: start it, or run"
					+ " without -Dtessera.test.database=postgresql (" + ex.getMessage() + ")", ex);
		}
		String server = serverUrl();
		return server.substring(0, server.lastIndexOf('/') + 1) + name;
	}

	private static void dropAbandoned(Statement statement) throws SQLException {
		List<String> old = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database d WHERE datname LIKE '" + PREFIX
				+ "%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)"
				+ " AND pg_catalog.pg_get_userbyid(d.datdba) = current_user")) {
			while (rs.next()) {
				old.add(rs.getString(1));
			}
		}
		for (String name : old) {
			try {
				statement.execute("DROP DATABASE IF EXISTS " + name);
			}
			catch (SQLException ex) {
				// in use by a run that started meanwhile: left for a later sweep
			}
		}
	}

	public static String serverUrl() {
		return System.getProperty("tessera.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/t");
	}

	public static String username() {
		return System.getProperty("tessera.test.postgresql.username", "t");
	}

	public static String password() {
		return System.getProperty("tessera.test.postgresql.password", "p");
	}

}
