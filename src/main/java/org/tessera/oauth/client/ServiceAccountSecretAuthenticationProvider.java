package org.tessera.oauth.client;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.tessera.serviceaccount.ClientSecret;
import org.tessera.serviceaccount.CredentialUses;
import org.tessera.serviceaccount.SecretHasher;
import org.tessera.serviceaccount.ServiceAccountDirectory;

/**
 * {@code client_secret_basic} and {@code client_secret_post} for service accounts, in
 * place of Spring's {@code ClientSecretAuthenticationProvider}: a service account holds
 * several secrets (for rotation), each stored only as a keyed hash, so the presented
 * secret is hashed once and compared in constant time with every live, unexpired secret.
 * Nothing is re-encoded or saved on the way; the use is noted in memory
 * ({@link CredentialUses}), not written per token. Failures are throttled by source in
 * front of the endpoint, never by client id, so nobody can lock a client out without its
 * secret.
 */
public final class ServiceAccountSecretAuthenticationProvider implements AuthenticationProvider {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-3.2.1";

	private final RegisteredClientRepository clients;

	private final ServiceAccountDirectory serviceAccounts;

	private final SecretHasher hasher;

	private final CredentialUses lastUse;

	private final Clock clock;

	public ServiceAccountSecretAuthenticationProvider(RegisteredClientRepository clients,
			ServiceAccountDirectory serviceAccounts, SecretHasher hasher, CredentialUses lastUse, Clock clock) {
		this.clients = clients;
		this.serviceAccounts = serviceAccounts;
		this.hasher = hasher;
		this.lastUse = lastUse;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
		if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
				&& !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
			return null;
		}
		String clientId = request.getPrincipal().toString();
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null || !client.getClientAuthenticationMethods().contains(method)
				|| !(request.getCredentials() instanceof String presented)) {
			throw invalidClient();
		}
		String presentedHash = this.hasher.hash(presented);
		Instant now = this.clock.instant();
		ClientSecret matched = null;
		for (ClientSecret secret : this.serviceAccounts.secretsOf(clientId)) {
			if (SecretHasher.sameHash(presentedHash, secret.hash()) && !secret.expiredAt(now)) {
				matched = secret;
			}
		}
		if (matched == null) {
			throw invalidClient();
		}
		this.lastUse.secretUsed(clientId, matched.id(), now);
		return new OAuth2ClientAuthenticationToken(client, method, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static OAuth2AuthenticationException invalidClient() {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", ERROR_URI));
	}

}
