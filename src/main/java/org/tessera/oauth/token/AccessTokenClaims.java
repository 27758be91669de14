package org.tessera.oauth.token;

/** Names of the claims Tessera adds to RFC 9068 access tokens. */
public final class AccessTokenClaims {

	/** The principal's account id. */
	public static final String ACCOUNT = "acct";

	/** The principal's effective policy statements. */
	public static final String PERMS = "perms";

	/**
	 * The statements of the session policy the token was asked for with, when it was: an
	 * action must be allowed by both these and {@link #PERMS}, and is denied by a Deny in
	 * either.
	 */
	public static final String SESSION_PERMS = "session_perms";

	/** RFC 8693 actor claim. */
	public static final String ACTOR = "act";

	/**
	 * The name the caller gave an impersonation session at the token exchange, when it
	 * gave one.
	 */
	public static final String DISPLAY_NAME = "display_name";

	/** RFC 9068 / RFC 8693 client identifier. */
	public static final String CLIENT_ID = "client_id";

	/** RFC 9068 header type of access tokens. */
	public static final String TYPE = "at+jwt";

	private AccessTokenClaims() {
	}

}
