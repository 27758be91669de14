package org.tessera.access;

import java.io.Serializable;
import java.util.Optional;

import org.tessera.account.AccountId;
import org.tessera.policy.Crn;

/**
 * Who a token speaks for: the root user, an IAM user or a service account of one account.
 * Turns CRNs into typed references and back, so no code concatenates CRN strings by hand.
 */
public record PrincipalRef(Kind kind, AccountId account, String id) implements Serializable {

	/** The three kinds of principal and their CRN resource prefixes. */
	public enum Kind {

		ROOT("root"), USER("user/"), SERVICE_ACCOUNT("service-account/");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

	}

	public PrincipalRef {
		if (kind == Kind.ROOT) {
			id = "";
		}
		else if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("a user or service account needs an id");
		}
	}

	public static PrincipalRef root(AccountId account) {
		return new PrincipalRef(Kind.ROOT, account, "");
	}

	public static PrincipalRef user(AccountId account, String name) {
		return new PrincipalRef(Kind.USER, account, name);
	}

	public static PrincipalRef serviceAccount(AccountId account, String saId) {
		return new PrincipalRef(Kind.SERVICE_ACCOUNT, account, saId);
	}

	/** Reads a principal CRN of the {@code iam} service; empty for anything else. */
	public static Optional<PrincipalRef> fromCrn(String text) {
		return Crn.tryParse(text)
			.filter((crn) -> "iam".equals(crn.service()) && AccountId.isValid(crn.account()))
			.flatMap((crn) -> {
				AccountId account = new AccountId(crn.account());
				String resource = crn.resource();
				if (resource.equals(Kind.ROOT.prefix)) {
					return Optional.of(root(account));
				}
				for (Kind kind : new Kind[] { Kind.USER, Kind.SERVICE_ACCOUNT }) {
					if (resource.startsWith(kind.prefix) && resource.length() > kind.prefix.length()) {
						return Optional.of(new PrincipalRef(kind, account, resource.substring(kind.prefix.length())));
					}
				}
				return Optional.empty();
			});
	}

	public Crn crn() {
		return Crn.of("iam", this.account.value(), this.kind.prefix + this.id);
	}

}
