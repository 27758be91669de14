package org.tessera.oauth.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.tessera.TesseraProperties;
import org.tessera.account.AccountId;
import org.tessera.serviceaccount.ClientSecret;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.serviceaccount.ServiceAccountKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients the token endpoint knows, read from a fake {@link ServiceAccountDirectory}:
 * no server, no database.
 */
class TesseraClientsTests {

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private final FakeDirectory directory = new FakeDirectory();

	private final TesseraClients clients = new TesseraClients(this.directory, properties(Duration.ofMinutes(5)));

	@Test
	void anEnabledServiceAccountIsAClientThatMayGetTokensByClientCredentialsForTheConfiguredLifetime() {
		this.directory.add(serviceAccount("sa-live", true, null));

		RegisteredClient client = this.clients.findByClientId("sa-live");

		assertThat(client).isNotNull();
		assertThat(client.getClientName()).isEqualTo("name-of-sa-live");
		assertThat(client.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aDisabledADeletedOrAnUnknownServiceAccountIsNoClient() {
		this.directory.add(serviceAccount("sa-disabled", false, null));
		this.directory.add(serviceAccount("sa-deleted", true, CREATED.plusSeconds(60)));

		assertThat(this.clients.findByClientId("sa-disabled")).isNull();
		assertThat(this.clients.findByClientId("sa-deleted")).isNull();
		assertThat(this.clients.findByClientId("sa-unknown")).isNull();
		assertThat(this.clients.findById("sa-unknown")).isNull();
	}

	@Test
	void theCommandLineClientIsPublicAndNeedsNoServiceAccount() {
		RegisteredClient cli = this.clients.findByClientId(TesseraClients.CLI_CLIENT_ID);

		assertThat(cli).isNotNull();
		assertThat(cli.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(this.directory.reads).isZero();
	}

	private static ServiceAccount serviceAccount(String id, boolean enabled, Instant deletedAt) {
		return new ServiceAccount(id, new AccountId("123456789012"), "name-of-" + id, "", enabled, deletedAt, CREATED,
				null, List.of(), 0, null);
	}

	private static TesseraProperties properties(Duration accessTokenLifetime) {
		return new TesseraProperties(Path.of("."), "http://localhost", null,
				new TesseraProperties.Tokens(accessTokenLifetime, Duration.ofHours(1), "tessera", 3), null, null, null,
				null, null, null);
	}

	/** Service accounts held in a map, as the token side sees them. */
	private static final class FakeDirectory implements ServiceAccountDirectory {

		private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();

		private int reads;

		void add(ServiceAccount sa) {
			this.serviceAccounts.put(sa.id(), sa);
		}

		@Override
		public Optional<ServiceAccount> find(String saId) {
			this.reads++;
			return Optional.ofNullable(this.serviceAccounts.get(saId));
		}

		@Override
		public List<ClientSecret> secretsOf(String saId) {
			return List.of();
		}

		@Override
		public List<ServiceAccountKey> keysOf(String saId) {
			return List.of();
		}

	}

}
