package org.tessera.oauth.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tessera.access.PrincipalRef;
import org.tessera.access.PrincipalStatements;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.user.UserRepository;

/** Computes the identity claims of a token for a principal from the IAM store. */
@Component
public class TokenIdentityResolver implements TokenIdentities {

	private final ServiceAccountDirectory serviceAccounts;

	private final PrincipalStatements statements;

	private final UserRepository users;

	private final AccountRepository accounts;

	public TokenIdentityResolver(ServiceAccountDirectory serviceAccounts, PrincipalStatements statements,
			UserRepository users, AccountRepository accounts) {
		this.serviceAccounts = serviceAccounts;
		this.statements = statements;
		this.users = users;
		this.accounts = accounts;
	}

	/**
	 * Whether a token issued at {@code issuedAt} to the principal (or a login made then)
	 * may still be used: the principal exists and may hold tokens (a disabled service
	 * account may not); for a user, no user of that name was deleted since, so a deleted
	 * user's token or login does not come back to life when the name is given to a new
	 * user; for a service account, it was neither disabled nor deleted since, so enabling
	 * or undeleting it does not revive the tokens it had before. {@code iat} has
	 * one-second precision, so a token issued in the second of a deletion or a disable
	 * counts as older. Service account and account ids are never reused.
	 */
	public boolean isActive(PrincipalRef principal, Instant issuedAt) {
		return switch (principal.kind()) {
			case ROOT -> this.accounts.exists(principal.account());
			case USER -> this.users.find(principal.account(), principal.id()).isPresent()
					&& this.users.lastDeleted(principal.account(), principal.id())
						.map((deleted) -> issuedAfter(issuedAt, deleted))
						.orElse(true);
			case SERVICE_ACCOUNT -> this.serviceAccounts.find(principal.id())
				.filter((sa) -> sa.active() && sa.account().equals(principal.account()))
				.filter((sa) -> sa.lastDeactivatedAt() == null || issuedAfter(issuedAt, sa.lastDeactivatedAt()))
				.isPresent();
		};
	}

	/**
	 * Whether a time of {@code iat} precision (whole seconds) lies after the second of
	 * {@code event}.
	 */
	private static boolean issuedAfter(Instant issuedAt, Instant event) {
		return issuedAt.isAfter(event.truncatedTo(ChronoUnit.SECONDS));
	}

	/**
	 * The account of an active service account, by its client_id: whose tokens it may
	 * introspect.
	 */
	public Optional<AccountId> accountOfServiceAccount(String saId) {
		return this.serviceAccounts.find(saId).filter(ServiceAccount::active).map(ServiceAccount::account);
	}

	/**
	 * The identity of an active service account, by its client_id; empty if it cannot get
	 * tokens.
	 */
	@Override
	public Optional<TokenIdentity> forServiceAccount(String saId) {
		return this.serviceAccounts.find(saId)
			.filter(ServiceAccount::active)
			.map((sa) -> new TokenIdentity(sa.principal(), this.statements.statementsOf(sa.principal()), null, null,
					sa.maxSessionDuration()));
	}

	@Override
	public TokenIdentity forPrincipal(PrincipalRef principal) {
		return new TokenIdentity(principal, this.statements.statementsOf(principal), null, null);
	}

}
