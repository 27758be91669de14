package org.tessera.hardening.atrest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.TesseraApplication;
import org.tessera.support.IntegrationTest;

/**
 * A server of its own on a data directory of its own, and a look at the raw bytes of that
 * directory.
 */
final class DataDirs {

	/**
	 * The files that hold the keys protecting the database: the only ones allowed to hold
	 * key material.
	 */
	static final Set<String> KEY_FILES = Set.of("key-encryption.key", "secret-pepper.key");

	private DataDirs() {
	}

	static Path fresh() {
		return Path.of("target", "at-rest-data", UUID.randomUUID().toString(), "data").toAbsolutePath();
	}

	record Server(ConfigurableApplicationContext context, String issuer) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

	static Server start(Path data, String... extra) {
		return start(data, IntegrationTest.freePort(), extra);
	}

	/**
	 * A server on {@code port}: the issuer is the same on every start, so tokens of an
	 * earlier start verify.
	 */
	static Server start(Path data, int port, String... extra) {
		String issuer = "http://localhost:" + port;
		List<String> args = new ArrayList<>(
				List.of("--server.port=" + port, "--tessera.issuer=" + issuer, "--tessera.data-dir=" + data));
		args.addAll(List.of(extra));
		return new Server(new SpringApplicationBuilder(TesseraApplication.class).run(args.toArray(String[]::new)),
				issuer);
	}

	/**
	 * Every regular file under {@code data}, the key files excepted, that contains
	 * {@code needle}.
	 */
	static List<Path> filesContaining(Path data, byte[] needle) {
		try (Stream<Path> files = Files.walk(data)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> !KEY_FILES.contains(file.getFileName().toString()))
				.filter((file) -> contains(read(file), needle))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> filesContaining(Path data, String needle) {
		return filesContaining(data, needle.getBytes(StandardCharsets.UTF_8));
	}

	/** A connection to the database of a stopped server, as the application opens it. */
	static Connection database(Path data) throws SQLException {
		Properties application = new Properties();
		try (InputStream in = DataDirs.class.getResourceAsStream("/application.properties")) {
			application.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return DriverManager.getConnection(jdbcUrl(data), application.getProperty("spring.datasource.username"),
				application.getProperty("spring.datasource.password"));
	}

	/** The application's own JDBC URL (application.properties) on {@code data}. */
	static String jdbcUrl(Path data) {
		Properties application = new Properties();
		try (InputStream in = DataDirs.class.getResourceAsStream("/application.properties")) {
			application.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return application.getProperty("spring.datasource.url").replace("${tessera.data-dir}", data.toString());
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
