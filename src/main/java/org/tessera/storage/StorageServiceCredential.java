package org.tessera.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.crypto.OwnerOnlyFiles;

/**
 * The one credential a storage service presents to ask for signing keys: a name and a
 * secret of at least 256 bits, configured on both sides (or, for a single node, generated
 * into the data directory and handed to the vStorage started beside it). Compared in
 * constant time.
 */
@Component
public class StorageServiceCredential {

	static final String FILE_NAME = "storage-service.secret";

	private static final int MIN_SECRET_LENGTH = 32;

	private final String name;

	private final byte[] secret;

	StorageServiceCredential(StorageProperties storage, TesseraProperties tessera) {
		this.name = storage.serviceName();
		this.secret = load(storage.serviceSecret(), tessera.dataDir().resolve(FILE_NAME))
			.getBytes(StandardCharsets.UTF_8);
	}

	/** Whether a request's HTTP Basic name and password are the storage service's. */
	public boolean matches(String name, String password) {
		boolean sameName = MessageDigest.isEqual(this.name.getBytes(StandardCharsets.UTF_8),
				name.getBytes(StandardCharsets.UTF_8));
		boolean sameSecret = MessageDigest.isEqual(this.secret, password.getBytes(StandardCharsets.UTF_8));
		return sameName & sameSecret;
	}

	/** The storage service's name, as audit events name it. */
	public String name() {
		return this.name;
	}

	/**
	 * The secret, for the vStorage that the launcher starts in the same process, and
	 * nobody else.
	 */
	public String secret() {
		return new String(this.secret, StandardCharsets.UTF_8);
	}

	private static String load(String configured, Path file) {
		if (!configured.isBlank()) {
			if (configured.strip().length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException(
						"tessera.storage.service-secret must be at least " + MIN_SECRET_LENGTH + " characters");
			}
			return configured.strip();
		}
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			OwnerOnlyFiles.create(file, generated);
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create " + file, ex);
		}
	}

	@Override
	public String toString() {
		return "StorageServiceCredential[" + this.name + ", secret=<hidden>]";
	}

}
