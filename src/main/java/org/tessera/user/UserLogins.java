package org.tessera.user;

import java.util.Optional;

import org.tessera.account.AccountId;

/**
 * The IAM users as the login form reads them: by account and name, and a password's hash
 * replaced by a stronger one after a login proved the password. {@link UserRepository} is
 * the store behind it.
 */
public interface UserLogins {

	/**
	 * The user of that name in the account, the name compared as the store keys names.
	 */
	Optional<IamUser> find(AccountId account, String name);

	/**
	 * Replaces the user's password hash (a rehash of the same password), unless it
	 * changed since {@code oldHash} was read; returns whether it was replaced.
	 */
	boolean replacePasswordHash(AccountId account, String name, String oldHash, String newHash);

}
