package org.tessera.oauth.client;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A public client naming itself for token exchange, without a server: only a client with
 * {@code none} authentication and the token exchange grant passes.
 */
class PublicClientExchangeAuthenticationProviderTests {

	private final InMemoryServiceAccounts directory = new InMemoryServiceAccounts();

	private final PublicClientExchangeAuthenticationProvider provider = new PublicClientExchangeAuthenticationProvider(
			new TesseraClients(this.directory, ServiceAccountSecretAuthenticationProviderTests.properties()));

	@Test
	void theCommandLineClientNamingItselfIsAuthenticatedAsAPublicClient() {
		Authentication result = this.provider.authenticate(request(TesseraClients.CLI_CLIENT_ID));

		assertThat(result).isInstanceOf(OAuth2ClientAuthenticationToken.class);
		assertThat(result.isAuthenticated()).isTrue();
		OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) result;
		assertThat(client.getRegisteredClient().getClientId()).isEqualTo(TesseraClients.CLI_CLIENT_ID);
		assertThat(client.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
	}

	@Test
	void aServiceAccountNamingItselfWithoutItsSecretIsRefused() {
		this.directory.add(ServiceAccountSecretAuthenticationProviderTests.serviceAccount("sa-confidential", true));

		assertRefused(this.provider, "sa-confidential");
	}

	@Test
	void anUnknownClientIdIsRefused() {
		assertRefused(this.provider, "nobody");
	}

	@Test
	void aPublicClientWithoutTheTokenExchangeGrantIsRefused() {
		RegisteredClient loginOnly = RegisteredClient.withId("login-only")
			.clientId("login-only")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/callback")
			.build();

		assertRefused(new PublicClientExchangeAuthenticationProvider(new OneClient(loginOnly)), "login-only");
	}

	private static void assertRefused(PublicClientExchangeAuthenticationProvider provider, String clientId) {
		OAuth2AuthenticationException refusal = catchThrowableOfType(OAuth2AuthenticationException.class,
				() -> provider.authenticate(request(clientId)));
		assertThat(refusal).isNotNull();
		assertThat(refusal.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	private static PublicClientAuthenticationRequest request(String clientId) {
		return new PublicClientAuthenticationRequest(clientId, Map.of());
	}

	/** A client list of one client. */
	private record OneClient(RegisteredClient client) implements RegisteredClientRepository {

		@Override
		public void save(RegisteredClient registeredClient) {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable RegisteredClient findById(String id) {
			return this.client.getId().equals(id) ? this.client : null;
		}

		@Override
		public @Nullable RegisteredClient findByClientId(String clientId) {
			return this.client.getClientId().equals(clientId) ? this.client : null;
		}

	}

}
