package org.tessera.access;

import org.tessera.account.AccountId;
import org.tessera.iam.NotFoundException;

/**
 * Reads the {@code {acct}} path segment; a segment that cannot be an account id (1 to 20
 * digits) is a 404, which echoes the segment only when it is short.
 */
public final class AccountPath {

	private AccountPath() {
	}

	public static AccountId parse(String segment) {
		if (!AccountId.isValid(segment)) {
			throw new NotFoundException(
					(segment == null || segment.length() > 20) ? "no account has such an id" : "no account " + segment);
		}
		return new AccountId(segment);
	}

}
