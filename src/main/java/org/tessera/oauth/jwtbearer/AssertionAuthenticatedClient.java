package org.tessera.oauth.jwtbearer;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The service account a verified JWT-bearer assertion speaks for, as the authenticated
 * client of that one request: the assertion authenticated it (RFC 7523 section 3.1), so
 * {@link JwtBearerGrantProvider} does not verify it again. It is made only after the
 * assertion verified, and only for a request whose {@code grant_type} is the JWT-bearer
 * grant, so it never authenticates any other grant.
 */
public final class AssertionAuthenticatedClient extends OAuth2ClientAuthenticationToken {

	/** How the client was authenticated: by the grant's own assertion. */
	public static final ClientAuthenticationMethod BY_ASSERTION = new ClientAuthenticationMethod(
			JwtBearerGrantConverter.GRANT_TYPE.getValue());

	private final String assertion;

	AssertionAuthenticatedClient(RegisteredClient client, String assertion) {
		super(client, BY_ASSERTION, null);
		this.assertion = assertion;
	}

	/** The assertion that authenticated the client. */
	String assertion() {
		return this.assertion;
	}

}
