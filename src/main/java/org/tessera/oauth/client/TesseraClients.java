package org.tessera.oauth.client;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.tessera.TesseraProperties;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;

/**
 * The OAuth2 clients Tessera knows, read from the IAM store rather than kept as a second
 * copy: every active service account is a confidential client whose {@code client_id} is
 * its saId (client credentials, token exchange and the JWT-bearer grant), and the public
 * client {@value #CLI_CLIENT_ID} is how people log in. Clients are managed through
 * {@code /iam/v1}; this repository never writes.
 */
public final class TesseraClients implements RegisteredClientRepository {

	/**
	 * The first-party public client people log in with (PKCE, loopback redirects, no
	 * consent).
	 */
	public static final String CLI_CLIENT_ID = "tessera-cli";

	/**
	 * The web console, a public client too: its pages sign people in with the
	 * authorization code and PKCE, redirected back to {@value #CONSOLE_CALLBACK} under
	 * the issuer, and keep the token on the server.
	 */
	public static final String CONSOLE_CLIENT_ID = "tessera-console";

	/** Where the authorization endpoint sends the console's codes, under the issuer. */
	public static final String CONSOLE_CALLBACK = "/console/callback";

	private final ServiceAccountDirectory serviceAccounts;

	private final RegisteredClient cli;

	private final RegisteredClient console;

	private final TokenSettings serviceAccountTokens;

	public TesseraClients(ServiceAccountDirectory serviceAccounts, TesseraProperties properties) {
		this.serviceAccounts = serviceAccounts;
		TokenSettings tokens = TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(properties.tokens().accessTokenLifetime())
			.build();
		this.serviceAccountTokens = tokens;
		this.cli = RegisteredClient.withId(CLI_CLIENT_ID)
			.clientId(CLI_CLIENT_ID)
			.clientName("Tessera command line and scripts")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.redirectUri("http://127.0.0.1/callback")
			.redirectUri("http://[::1]/callback")
			.scope(OidcScopes.OPENID)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build();
		this.console = RegisteredClient.withId(CONSOLE_CLIENT_ID)
			.clientId(CONSOLE_CLIENT_ID)
			.clientName("Tessera console")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.redirectUri(properties.issuer() + CONSOLE_CALLBACK)
			.scope(OidcScopes.OPENID)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build();
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("clients are service accounts, managed through /iam/v1");
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return findByClientId(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		if (CLI_CLIENT_ID.equals(clientId)) {
			return this.cli;
		}
		if (CONSOLE_CLIENT_ID.equals(clientId)) {
			return this.console;
		}
		return this.serviceAccounts.find(clientId).filter(ServiceAccount::active).map(this::client).orElse(null);
	}

	private RegisteredClient client(ServiceAccount sa) {
		return RegisteredClient.withId(sa.id())
			.clientId(sa.id())
			.clientName(sa.name())
			.clientIdIssuedAt(sa.createdAt())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenSettings(this.serviceAccountTokens)
			.build();
	}

}
