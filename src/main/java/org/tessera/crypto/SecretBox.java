package org.tessera.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;

/**
 * Encrypts the secrets Tessera must read back (private signing keys, and any reversible
 * secret a feature stores) under the {@link KeyEncryptionKey}, with Tink's AES-256-GCM
 * (random 96-bit nonce, 128-bit tag; Tink's key objects, not its protobuf keysets, which
 * this build leaves out). Each sealed value is bound to a context naming its purpose and
 * row ({@code signing_key/<kid>}): a sealed value copied into another row or used for
 * another purpose does not open.
 * <p>
 * The database records the id of the key-encryption key it was first used with. On start,
 * a configured key with another id, or a missing key file, stops the server with a
 * message that says what to restore: a new key would silently make every stored secret
 * unreadable.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	private static final String PREFIX = "tsb1.";

	private final KeyEncryptionKey key;

	private final Aead aead;

	public SecretBox(JdbcClient jdbc, TesseraProperties properties, Clock clock) {
		List<String> recorded = jdbc.sql("SELECT key_id FROM key_encryption_key ORDER BY created_at")
			.query(String.class)
			.list();
		this.key = KeyEncryptionKey.load(properties.keys().kek(), properties.keys().kekFile(), properties.dataDir(),
				recorded.isEmpty());
		if (recorded.isEmpty()) {
			jdbc.sql("INSERT INTO key_encryption_key (key_id, created_at) VALUES (?, ?)")
				.params(this.key.id(), Timestamp.from(clock.instant()))
				.update();
		}
		else if (!recorded.contains(this.key.id())) {
			String message = "the key-encryption key from " + this.key.source() + " (id " + this.key.id()
					+ ") is not the one the database's secrets are encrypted under (id " + String.join(", ", recorded)
					+ "): configure the key-encryption key backed up with this database."
					+ " The server does not start, so that no signing key or secret is replaced.";
			log.error(message);
			throw new IllegalStateException(message);
		}
		this.aead = aead(this.key);
	}

	/**
	 * A sealed form of {@code plaintext}, text safe for any column, that only
	 * {@link #open} with the same context reads.
	 */
	public String seal(String plaintext, String context) {
		try {
			byte[] sealed = this.aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associated(context));
			return PREFIX + this.key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt " + context, ex);
		}
	}

	/**
	 * The plaintext of a value {@link #seal sealed} with {@code context}; an
	 * {@link UnreadableSecretException} if it was sealed under another key, for another
	 * context, or has been altered.
	 */
	public String open(String sealed, String context) {
		if (!isSealed(sealed)) {
			throw new UnreadableSecretException(context + " is not a sealed value");
		}
		int dot = sealed.indexOf('.', PREFIX.length());
		String keyId = (dot < 0) ? "" : sealed.substring(PREFIX.length(), dot);
		if (!this.key.id().equals(keyId)) {
			throw new UnreadableSecretException(context + " is encrypted under the key-encryption key " + keyId
					+ ", not under the configured " + this.key.id() + " (" + this.key.source() + ")");
		}
		try {
			byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
			return new String(this.aead.decrypt(ciphertext, associated(context)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new UnreadableSecretException(
					context + " does not decrypt: it was altered or sealed for another row");
		}
	}

	/**
	 * Whether a stored value is in the sealed form, rather than clear text from an older
	 * version.
	 */
	public static boolean isSealed(String stored) {
		return stored.startsWith(PREFIX);
	}

	/** The id of the key-encryption key in use (a fingerprint, safe to log). */
	public String keyId() {
		return this.key.id();
	}

	private static byte[] associated(String context) {
		return ("tessera/" + context).getBytes(StandardCharsets.UTF_8);
	}

	private static Aead aead(KeyEncryptionKey key) {
		try {
			AesGcmParameters parameters = AesGcmParameters.builder()
				.setKeySizeBytes(KeyEncryptionKey.BYTES)
				.setIvSizeBytes(12)
				.setTagSizeBytes(16)
				.setVariant(AesGcmParameters.Variant.NO_PREFIX)
				.build();
			return AesGcmJce.create(AesGcmKey.builder()
				.setParameters(parameters)
				.setKeyBytes(SecretBytes.copyFrom(key.bytes(), InsecureSecretKeyAccess.get()))
				.build());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is unavailable", ex);
		}
	}

	/** A sealed value that cannot be opened with the configured key-encryption key. */
	public static final class UnreadableSecretException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		UnreadableSecretException(String message) {
			super(message);
		}

	}

}
