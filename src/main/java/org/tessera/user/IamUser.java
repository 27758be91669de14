package org.tessera.user;

import java.time.Instant;

import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;

/**
 * A person's identity inside a root account, who logs in with account, name and password.
 */
public record IamUser(AccountId account, String name, String passwordHash, Instant createdAt) {

	public PrincipalRef principal() {
		return PrincipalRef.user(this.account, this.name);
	}

}
