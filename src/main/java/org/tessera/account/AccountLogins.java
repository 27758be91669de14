package org.tessera.account;

import java.util.Optional;

/**
 * The accounts as the login form reads them: by id or by the root user's e-mail, and the
 * root password's hash replaced by a stronger one after a login proved the password.
 * {@link AccountRepository} is the store behind it.
 */
public interface AccountLogins {

	Optional<Account> findById(AccountId id);

	/** The account whose root e-mail this is, compared as the store keys e-mails. */
	Optional<Account> findByEmail(String email);

	/**
	 * Replaces the root user's password hash (a rehash of the same password), unless it
	 * changed since {@code oldHash} was read; returns whether it was replaced.
	 */
	boolean replacePasswordHash(AccountId id, String oldHash, String newHash);

}
