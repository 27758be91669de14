package org.tessera.serviceaccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.policy.CrnPattern;

/**
 * One account a service account trusts, with the conditions of that trust: an external id
 * the caller must present (AWS's guard against the confused deputy), the principals of
 * that account it admits (CRN patterns; empty admits all), and the longest session a
 * token made through it may have. An entry with no conditions is the plain trust of an
 * account id.
 *
 * @param account the trusted root account
 * @param externalId what the token exchange's {@code external_id} must be; null for none
 * @param principals CRN patterns of the principals admitted; empty for every principal
 * @param maxSessionDuration the longest life of a token made through this entry; null for
 * no bound of its own
 */
public record TrustEntry(AccountId account, @Nullable String externalId, List<String> principals,
		@Nullable Duration maxSessionDuration) {

	public TrustEntry {
		principals = List.copyOf(principals);
	}

	/** Plain trust of an account. */
	public static TrustEntry of(AccountId account) {
		return new TrustEntry(account, null, List.of(), null);
	}

	/** Whether the entry has any condition. */
	public boolean conditional() {
		return this.externalId != null || !this.principals.isEmpty() || this.maxSessionDuration != null;
	}

	/**
	 * Whether the caller presented the external id the entry asks for (constant time).
	 */
	public boolean externalIdMatches(@Nullable String presented) {
		if (this.externalId == null) {
			return true;
		}
		return presented != null && MessageDigest.isEqual(this.externalId.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

	/** Whether the entry admits the principal: no list, or a pattern matching its CRN. */
	public boolean admits(PrincipalRef principal) {
		if (this.principals.isEmpty()) {
			return true;
		}
		String crn = principal.crn().toString();
		return this.principals.stream().anyMatch((pattern) -> CrnPattern.of(pattern).matches(crn));
	}

}
