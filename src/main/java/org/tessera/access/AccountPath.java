package org.tessera.access;

import org.tessera.account.AccountId;
import org.tessera.web.NotFoundException;

/** Reads the {@code {acct}} path segment; a segment that cannot be an account id is a 404. */
public final class AccountPath {

	private AccountPath() {
	}

	public static AccountId parse(String segment) {
		if (!AccountId.isValid(segment)) {
			throw new NotFoundException("no account " + segment);
		}
		return new AccountId(segment);
	}

}
