package org.tessera.oauth.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.tessera.TesseraProperties;
import org.tessera.account.AccountId;
import org.tessera.serviceaccount.ClientSecret;
import org.tessera.serviceaccount.SecretHasher;
import org.tessera.serviceaccount.ServiceAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Client secrets of service accounts at the token endpoint, without a server: the real
 * keyed hash and client list over a fake directory. Every refusal is the same
 * {@code invalid_client}, and only an accepted secret is noted as used.
 */
class ServiceAccountSecretAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final String SA = "sa-secret";

	private final InMemoryServiceAccounts directory = new InMemoryServiceAccounts();

	private final TesseraProperties properties = properties();

	private final SecretHasher hasher = new SecretHasher(this.properties);

	private final RecordedUses uses = new RecordedUses();

	private final ServiceAccountSecretAuthenticationProvider provider = new ServiceAccountSecretAuthenticationProvider(
			new TesseraClients(this.directory, this.properties), this.directory, this.hasher, this.uses,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aLiveSecretOfTheClientAuthenticatesItByBasicAndByPostAndItsUseIsNoted() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-1", "the-secret", null);

		Authentication basic = this.provider.authenticate(request(SA, "the-secret", basic()));
		Authentication post = this.provider.authenticate(request(SA, "the-secret", post()));

		assertThat(basic.isAuthenticated()).isTrue();
		assertThat(((OAuth2ClientAuthenticationToken) basic).getRegisteredClient().getClientId()).isEqualTo(SA);
		assertThat(((OAuth2ClientAuthenticationToken) post).getClientAuthenticationMethod()).isEqualTo(post());
		assertThat(this.uses.uses).containsExactly("secret sa-secret/sec-1@" + NOW, "secret sa-secret/sec-1@" + NOW);
	}

	@Test
	void duringARotationTheOlderAndTheNewerSecretBothAuthenticate() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-old", "old-secret", NOW.plusSeconds(3600));
		secret("sec-new", "new-secret", null);

		this.provider.authenticate(request(SA, "old-secret", basic()));
		this.provider.authenticate(request(SA, "new-secret", basic()));

		assertThat(this.uses.uses).containsExactly("secret sa-secret/sec-old@" + NOW,
				"secret sa-secret/sec-new@" + NOW);
	}

	@Test
	void aWrongSecretIsRefusedAsClientAuthenticationFailed() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-1", "the-secret", null);

		assertRefused(request(SA, "not-the-secret", basic()));
	}

	@Test
	void anExpiredSecretIsRefusedThoughItMatches() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-1", "the-secret", NOW.minusSeconds(1));

		assertRefused(request(SA, "the-secret", basic()));
	}

	@Test
	void theSecretOfAnotherServiceAccountIsRefused() {
		this.directory.add(serviceAccount(SA, true));
		this.directory.add(serviceAccount("sa-other", true));
		secret("sec-1", "the-secret", null);

		assertRefused(request("sa-other", "the-secret", basic()));
	}

	@Test
	void aDisabledServiceAccountIsRefusedEvenWithItsRightSecret() {
		this.directory.add(serviceAccount(SA, false));
		secret("sec-1", "the-secret", null);

		assertRefused(request(SA, "the-secret", basic()));
	}

	@Test
	void anUnknownClientIsRefusedLikeAWrongSecret() {
		assertRefused(request("sa-nobody", "the-secret", basic()));
	}

	@Test
	void aRequestWithoutASecretIsRefused() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-1", "the-secret", null);

		assertRefused(request(SA, null, basic()));
	}

	@Test
	void aRequestOfAnotherAuthenticationMethodIsLeftToTheOtherProviders() {
		this.directory.add(serviceAccount(SA, true));
		secret("sec-1", "the-secret", null);

		assertThat(this.provider.authenticate(request(SA, "the-secret", ClientAuthenticationMethod.NONE))).isNull();
		assertThat(this.uses.uses).isEmpty();
	}

	private void assertRefused(OAuth2ClientAuthenticationToken request) {
		OAuth2AuthenticationException refusal = catchThrowableOfType(OAuth2AuthenticationException.class,
				() -> this.provider.authenticate(request));
		assertThat(refusal).isNotNull();
		assertThat(refusal.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_CLIENT);
		assertThat(refusal.getError().getDescription()).isEqualTo("Client authentication failed");
		assertThat(this.uses.uses).isEmpty();
	}

	private void secret(String id, String value, @Nullable Instant expiresAt) {
		this.directory
			.addSecret(new ClientSecret(id, SA, this.hasher.hash(value), NOW.minusSeconds(86400), expiresAt, null));
	}

	private static ClientAuthenticationMethod basic() {
		return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
	}

	private static ClientAuthenticationMethod post() {
		return ClientAuthenticationMethod.CLIENT_SECRET_POST;
	}

	private static OAuth2ClientAuthenticationToken request(String clientId, @Nullable String secret,
			ClientAuthenticationMethod method) {
		return new OAuth2ClientAuthenticationToken(clientId, method, secret, null);
	}

	static ServiceAccount serviceAccount(String id, boolean enabled) {
		return new ServiceAccount(id, new AccountId("123456789012"), "name-of-" + id, "", enabled, null,
				NOW.minusSeconds(86400), null, List.of(), 0, null);
	}

	static TesseraProperties properties() {
		String pepper = Base64.getEncoder().encodeToString(new byte[32]);
		return new TesseraProperties(Path.of("."), "http://localhost:9000", null,
				new TesseraProperties.Tokens(Duration.ofHours(1), Duration.ofHours(1), "tessera", 3), null,
				new TesseraProperties.Secrets(pepper), null, null, null, null);
	}

}
