package org.tessera.console;

import java.io.Serializable;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the console knows of the person signed in, kept in the HTTP session and never sent
 * to the browser: the access token it calls the management API with, when that token
 * expires, and who it speaks for, as the header shows it.
 *
 * @param accessToken the person's access token, from the authorization code
 * @param expiresAt when the token expires; the console asks for a new sign-in then
 * @param principal the token's subject, a principal CRN
 * @param name the principal's name as people read it: {@code root} or the user's name
 * @param accountId the principal's account
 * @param accountEmail the account's root e-mail
 * @param displayName the impersonation session's display name, if any
 * @param signedIn while impersonating, the session of the person who signed in, to go
 * back to; null otherwise
 */
public record ConsoleSession(String accessToken, Instant expiresAt, String principal, String name, String accountId,
		String accountEmail, @Nullable String displayName, @Nullable ConsoleSession signedIn) implements Serializable {

	/** The HTTP session attribute that holds it. */
	public static final String ATTRIBUTE = ConsoleSession.class.getName();

	/** The session of a person who signed in, impersonating nobody. */
	public ConsoleSession(String accessToken, Instant expiresAt, String principal, String name, String accountId,
			String accountEmail) {
		this(accessToken, expiresAt, principal, name, accountId, accountEmail, null, null);
	}

	/** Whether this session speaks for a service account the person impersonates. */
	public boolean impersonating() {
		return this.signedIn != null;
	}

	/** Whether the token can still be used at {@code now}, with a margin for the call. */
	boolean isUsableAt(Instant now) {
		return now.plusSeconds(30).isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "ConsoleSession[principal=" + this.principal + ", expiresAt=" + this.expiresAt + ", impersonating="
				+ impersonating() + "]";
	}

}
