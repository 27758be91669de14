package org.tessera.serviceaccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.crypto.OwnerOnlyFiles;

/**
 * Makes and checks client secrets. A secret is 256 random bits; only HMAC-SHA-256 of it
 * under a server-side pepper is stored, so a stolen database alone reveals nothing
 * usable, and checking costs microseconds instead of the tens of milliseconds of a
 * password hash (client secrets are high-entropy, so a slow hash buys nothing but a slow
 * token endpoint).
 */
@Component
public class SecretHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec pepper;

	public SecretHasher(TesseraProperties properties) {
		this.pepper = new SecretKeySpec(loadPepper(properties), ALGORITHM);
	}

	/**
	 * A fresh secret value and its hash; the value is shown to the caller once and never
	 * kept.
	 */
	public GeneratedSecret generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new GeneratedSecret(value, hash(value));
	}

	public String hash(String secret) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.pepper);
			return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

	/** Constant-time comparison of a presented secret's hash with a stored one. */
	public static boolean sameHash(String presentedHash, String storedHash) {
		return MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

	/** A generated secret: {@code value} for the caller, {@code hash} for the store. */
	public record GeneratedSecret(String value, String hash) {

		@Override
		public String toString() {
			return "GeneratedSecret[value=<hidden>]";
		}

	}

	private static byte[] loadPepper(TesseraProperties properties) {
		String configured = properties.secrets().pepper();
		if (!configured.isBlank()) {
			byte[] key = Base64.getDecoder().decode(configured.strip());
			if (key.length < 32) {
				throw new IllegalStateException("tessera.secrets.pepper must be at least 32 bytes, base64-encoded");
			}
			return key;
		}
		Path file = properties.dataDir().resolve("secret-pepper.key");
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			byte[] key = new byte[32];
			RANDOM.nextBytes(key);
			OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(key));
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create " + file, ex);
		}
	}

}
