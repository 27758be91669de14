package org.tessera.account;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most {@code permits} password hashes run at once; the others wait their turn.
 * Argon2id takes about 16 MB per hash, so parallel logins and sign-ups on every request
 * thread could otherwise exhaust a small heap; more hashes at once than cores would not
 * finish sooner anyway.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	public BoundedPasswordEncoder(PasswordEncoder delegate, int permits) {
		this.delegate = delegate;
		this.permits = new Semaphore(permits, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		acquire();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		acquire();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private void acquire() {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to hash a password", ex);
		}
	}

}
