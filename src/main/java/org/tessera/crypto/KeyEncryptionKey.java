package org.tessera.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that encrypts the secrets Tessera stores in its database, kept outside
 * it: given in base64 by {@code tessera.keys.kek}, read from
 * {@code tessera.keys.kek-file}, or read from {@code <data-dir>/key-encryption.key},
 * which is created (0600) only when the database holds nothing encrypted yet. Its
 * {@link #id() id} is a one-way fingerprint, safe to store and log, that tells which key
 * sealed a value.
 */
public final class KeyEncryptionKey {

	/**
	 * The name of the file in the data directory that holds the key when no setting gives
	 * it.
	 */
	public static final String DEFAULT_FILE = "key-encryption.key";

	static final int BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	private final String id;

	private final String source;

	private KeyEncryptionKey(byte[] key, String source) {
		if (key.length != BYTES) {
			throw new IllegalStateException("the key-encryption key from " + source + " must be " + BYTES
					+ " bytes (base64-encoded), not " + key.length);
		}
		this.key = key.clone();
		this.id = fingerprint(key);
		this.source = source;
	}

	/**
	 * The configured key: {@code configured} (base64) if not blank, else the file
	 * {@code file} if not blank, else the default file in {@code dataDir}, created when
	 * missing and {@code mayCreate}. A configured file that is missing, or a missing
	 * default file that may not be created, is an error that says what to restore.
	 */
	public static KeyEncryptionKey load(String configured, String file, Path dataDir, boolean mayCreate) {
		if (!configured.isBlank()) {
			return new KeyEncryptionKey(decode(configured, "tessera.keys.kek"), "tessera.keys.kek");
		}
		Path path = file.isBlank() ? dataDir.resolve(DEFAULT_FILE) : Path.of(file);
		try {
			if (Files.exists(path)) {
				return new KeyEncryptionKey(decode(Files.readString(path), path.toString()), path.toString());
			}
			if (!file.isBlank() && mayCreate) {
				throw new IllegalStateException("the key-encryption key file " + path + " (tessera.keys.kek-file)"
						+ " does not exist: create it with 32 random bytes in base64, e.g. head -c 32 /dev/urandom | base64");
			}
			if (!mayCreate) {
				throw new IllegalStateException("the key-encryption key file " + path + " does not exist, but the"
						+ " database holds secrets encrypted under a key-encryption key: restore that file from"
						+ " the backup taken with the database (or give the key by tessera.keys.kek or"
						+ " tessera.keys.kek-file). A new key would not decrypt them, so the server does not start.");
			}
			byte[] key = new byte[BYTES];
			RANDOM.nextBytes(key);
			OwnerOnlyFiles.create(path, Base64.getEncoder().encodeToString(key));
			return new KeyEncryptionKey(key, path.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create the key-encryption key file " + path, ex);
		}
	}

	/**
	 * A one-way fingerprint of the key (72 bits, base64url): tells keys apart, reveals
	 * nothing of them.
	 */
	public String id() {
		return this.id;
	}

	/** Where the key came from: a setting's name or a file's path, for error messages. */
	public String source() {
		return this.source;
	}

	byte[] bytes() {
		return this.key.clone();
	}

	@Override
	public String toString() {
		return "KeyEncryptionKey[" + this.id + " from " + this.source + "]";
	}

	private static byte[] decode(String base64, String source) {
		try {
			return Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("the key-encryption key from " + source + " is not base64");
		}
	}

	private static String fingerprint(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal("tessera key-encryption key id".getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

}
