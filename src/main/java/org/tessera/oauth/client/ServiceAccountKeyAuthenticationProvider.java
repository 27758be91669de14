package org.tessera.oauth.client;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.tessera.serviceaccount.CredentialUses;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.serviceaccount.ServiceAccountKey;

/**
 * {@code private_key_jwt} (RFC 7523 section 2.2, OpenID Connect Core section 9) for
 * service accounts, with the keys of their key list (as Yandex Cloud's authorized keys):
 * the assertion's header {@code kid} names a key of the client, {@code iss} and
 * {@code sub} are its saId, {@code aud} is the issuer (or its token endpoint),
 * {@code exp} at most five minutes ahead, and a {@code jti} is never accepted twice.
 * Spring's provider would need a JWK set URL per client. Failures are throttled by source
 * in front of the endpoint, never by client id.
 */
public final class ServiceAccountKeyAuthenticationProvider implements AuthenticationProvider {

	/** The method Spring's assertion converter labels its requests with. */
	static final ClientAuthenticationMethod JWT_BEARER = new ClientAuthenticationMethod(
			"urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

	private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private final RegisteredClientRepository clients;

	private final ServiceAccountDirectory serviceAccounts;

	private final AssertionReplays replays;

	private final CredentialUses lastUse;

	private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountKeyAuthenticationProvider.class);

	private final List<String> audiences;

	private final Clock clock;

	public ServiceAccountKeyAuthenticationProvider(RegisteredClientRepository clients,
			ServiceAccountDirectory serviceAccounts, AssertionReplays replays, CredentialUses lastUse, String issuer,
			String tokenEndpoint, Clock clock) {
		this.clients = clients;
		this.serviceAccounts = serviceAccounts;
		this.replays = replays;
		this.lastUse = lastUse;
		this.audiences = List.of(issuer, issuer + tokenEndpoint);
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!JWT_BEARER.equals(request.getClientAuthenticationMethod())) {
			return null;
		}
		String clientId = request.getPrincipal().toString();
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null
				|| !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
				|| !(request.getCredentials() instanceof String assertion)) {
			throw refused(clientId, "no such client with keys, or no assertion");
		}
		return verify(client, clientId, assertion);
	}

	private OAuth2ClientAuthenticationToken verify(RegisteredClient client, String clientId, String assertion) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(assertion);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw refused(clientId, "the assertion is not a signed JWT");
		}
		// The key: header kid names a key of this service account, with its algorithm
		String keyId = jwt.getHeader().getKeyID();
		Optional<ServiceAccountKey> key = this.serviceAccounts.keysOf(clientId)
			.stream()
			.filter((k) -> k.id().equals(keyId))
			.findFirst();
		if (key.isEmpty() || !ALGORITHMS.contains(jwt.getHeader().getAlgorithm())
				|| !jwt.getHeader().getAlgorithm().getName().equals(key.get().algorithm())) {
			throw refused(clientId, "kid names no key of the client, or alg is not the key's");
		}
		if (!verifies(jwt, key.get().publicKey())) {
			throw refused(clientId, "the signature does not verify");
		}
		// The claims: RFC 7523 section 3
		Instant now = this.clock.instant();
		Instant expiresAt = instant(claims.getExpirationTime());
		if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
			throw refused(clientId, "iss and sub must be the client id");
		}
		if (claims.getAudience().stream().noneMatch(this.audiences::contains)) {
			throw refused(clientId, "aud is neither the issuer nor the token endpoint");
		}
		if (expiresAt == null || !expiresAt.isAfter(now.minus(CLOCK_SKEW))
				|| expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			throw refused(clientId, "exp is missing, past, or more than 5 minutes ahead");
		}
		Instant notBefore = instant(claims.getNotBeforeTime());
		if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			throw refused(clientId, "nbf is in the future");
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isEmpty() || jti.length() > 256) {
			throw refused(clientId, "jti is missing or longer than 256 characters");
		}
		if (!this.replays.firstUse(clientId, jti, expiresAt.plus(CLOCK_SKEW))) {
			throw refused(clientId, "the jti was used before");
		}
		this.lastUse.keyUsed(clientId, keyId, now);
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.PRIVATE_KEY_JWT, null);
	}

	private static boolean verifies(SignedJWT jwt, JWK key) {
		try {
			JWSVerifier verifier = (key instanceof ECKey ec) ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
			return jwt.verify(verifier);
		}
		catch (JOSEException | ClassCastException ex) {
			return false;
		}
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * The one answer to every failure, as for secrets: naming the failed check would tell
	 * a caller whether a service account exists, is enabled or has keys (which the token
	 * endpoint never tells). The operator finds the check at DEBUG, with the client id
	 * and never the assertion.
	 */
	private static OAuth2AuthenticationException refused(String clientId, String reason) {
		LOG.debug("private_key_jwt of client {} refused: {}", clientId, reason);
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", ERROR_URI));
	}

}
