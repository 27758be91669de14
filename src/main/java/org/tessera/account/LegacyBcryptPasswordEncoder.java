package org.tessera.account;

import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies the BCrypt hashes older versions stored (without an {@code {id}} prefix) until
 * each is replaced at its next login. BCrypt reads only the first 72 bytes, so a
 * presented password longer than that never matches: its tail would be ignored. Never
 * makes new hashes.
 */
public final class LegacyBcryptPasswordEncoder implements PasswordEncoder {

	private static final int BCRYPT_MAX_BYTES = 72;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(CharSequence rawPassword) {
		throw new UnsupportedOperationException("new passwords are hashed with Argon2id");
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null
				|| rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
			return false;
		}
		return this.bcrypt.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return true;
	}

}
