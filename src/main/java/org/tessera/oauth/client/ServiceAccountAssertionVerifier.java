package org.tessera.oauth.client;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.tessera.serviceaccount.CredentialUses;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.serviceaccount.ServiceAccountKey;

/**
 * Verifies a JWT that a service account signed with one of its keys (RFC 7523 section 3),
 * the one check behind both uses of such assertions: {@code private_key_jwt} client
 * authentication (section 2.2) and the JWT-bearer authorization grant (section 2.1). The
 * steps, in order: the assertion is a signed JWT; the service account it names is active
 * (enabled, not deleted), unless the caller already knows; its {@code kid} names a usable
 * (enabled, unexpired) key of the service account and its {@code alg} is that key's; the
 * signature verifies; {@code iss} and {@code sub} are the service account, {@code aud}
 * the issuer or the token endpoint, the times within the {@link Rules}; its {@code jti}
 * was never accepted before. Only then is the key's use noted.
 * <p>
 * Every failure is one {@link OAuth2AuthenticationException} with the rules' error and
 * description, so a caller cannot tell which check failed, nor whether the service
 * account exists; the operator reads the failed step at DEBUG, with the client id and
 * never the assertion.
 */
public final class ServiceAccountAssertionVerifier {

	private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountAssertionVerifier.class);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
			JWSAlgorithm.PS256);

	private static final int MAX_JTI_LENGTH = 256;

	/** The longest service-account id there is (the column's width). */
	private static final int MAX_CLIENT_ID_LENGTH = 40;

	private final ServiceAccountDirectory serviceAccounts;

	private final AssertionReplays replays;

	private final CredentialUses lastUse;

	private final List<String> audiences;

	private final Clock clock;

	/**
	 * What one use of assertions allows and answers: how far ahead {@code exp} may lie,
	 * whether {@code iat}, when present, must lie no further than that before {@code exp}
	 * (and not in the future), and the error every refusal gets. {@code use} names the
	 * use in DEBUG lines.
	 */
	public record Rules(String use, Duration maxLifetime, boolean boundedByIssueTime, OAuth2Error refusal) {
	}

	/** An assertion that passed every step: whose it is and which key signed it. */
	public record VerifiedAssertion(String clientId, String keyId) {
	}

	/**
	 * @param issuer Tessera's issuer URL, one accepted {@code aud}
	 * @param tokenEndpoint the token endpoint's path under the issuer, the other
	 */
	public ServiceAccountAssertionVerifier(ServiceAccountDirectory serviceAccounts, AssertionReplays replays,
			CredentialUses lastUse, String issuer, String tokenEndpoint, Clock clock) {
		this.serviceAccounts = serviceAccounts;
		this.replays = replays;
		this.lastUse = lastUse;
		this.audiences = List.of(issuer, issuer + tokenEndpoint);
		this.clock = clock;
	}

	/**
	 * Verifies {@code assertion} as signed by {@code clientId} under {@code rules}, or
	 * throws the rules' refusal. The caller found {@code clientId} to be an active
	 * service account (it authenticated, or is the registered client), so it is not
	 * looked up again.
	 */
	public VerifiedAssertion verify(String clientId, String assertion, Rules rules) {
		SignedJWT jwt = parse(assertion, clientId, rules);
		return verify(clientId, jwt, claimsOf(jwt, clientId, rules), rules);
	}

	/**
	 * Verifies {@code assertion} as signed by whichever service account its {@code sub}
	 * names, once that one is found active (and is {@code namedClientId}, when the
	 * request named one), or throws the rules' refusal: for a request that nobody
	 * authenticated.
	 */
	public VerifiedAssertion verifyUnauthenticated(String assertion, @Nullable String namedClientId, Rules rules) {
		SignedJWT jwt = parse(assertion, namedClientId, rules);
		JWTClaimsSet claims = claimsOf(jwt, namedClientId, rules);
		String subject = (namedClientId != null) ? namedClientId : claims.getSubject();
		if (subject == null || subject.isEmpty() || subject.length() > MAX_CLIENT_ID_LENGTH) {
			throw refused(rules, null, "sub is missing or too long for a client id");
		}
		findActiveServiceAccount(subject, rules);
		return verify(subject, jwt, claims, rules);
	}

	private VerifiedAssertion verify(String clientId, SignedJWT jwt, JWTClaimsSet claims, Rules rules) {
		Instant now = this.clock.instant();
		ServiceAccountKey key = findPublicKeyForAssertion(clientId, jwt.getHeader(), now, rules);
		verifySignature(jwt, key, clientId, rules);
		validateClaims(clientId, claims, now, rules);
		recordFirstUse(clientId, claims, rules);
		this.lastUse.keyUsed(clientId, key.id(), now);
		return new VerifiedAssertion(clientId, key.id());
	}

	private static SignedJWT parse(String assertion, @Nullable String clientId, Rules rules) {
		try {
			return SignedJWT.parse(assertion);
		}
		catch (ParseException ex) {
			throw refused(rules, clientId, "the assertion is not a signed JWT");
		}
	}

	private static JWTClaimsSet claimsOf(SignedJWT jwt, @Nullable String clientId, Rules rules) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw refused(rules, clientId, "the assertion is not a signed JWT");
		}
	}

	/** Read from memory once warm, as every token request reads it. */
	private void findActiveServiceAccount(String clientId, Rules rules) {
		if (this.serviceAccounts.find(clientId).filter(ServiceAccount::active).isEmpty()) {
			throw refused(rules, clientId, "no such service account, or it is disabled or deleted");
		}
	}

	/**
	 * The key the header names: a key of the service account, enabled and unexpired, and
	 * {@code alg} is the one algorithm it signs with.
	 */
	private ServiceAccountKey findPublicKeyForAssertion(String clientId, JWSHeader header, Instant now, Rules rules) {
		String keyId = header.getKeyID();
		ServiceAccountKey key = this.serviceAccounts.keysOf(clientId)
			.stream()
			.filter((k) -> k.id().equals(keyId))
			.findFirst()
			.orElseThrow(() -> refused(rules, clientId, "kid names no key of the client"));
		if (!ALGORITHMS.contains(header.getAlgorithm()) || !header.getAlgorithm().getName().equals(key.algorithm())) {
			throw refused(rules, clientId, "alg is not the key's");
		}
		if (!key.usableAt(now)) {
			throw refused(rules, clientId, "the key is disabled or expired");
		}
		return key;
	}

	private static void verifySignature(SignedJWT jwt, ServiceAccountKey key, String clientId, Rules rules) {
		if (!verifies(jwt, key.publicKey())) {
			throw refused(rules, clientId, "the signature does not verify");
		}
	}

	/** RFC 7523 section 3, points 1 to 6: who, for whom, when. */
	private void validateClaims(String clientId, JWTClaimsSet claims, Instant now, Rules rules) {
		if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
			throw refused(rules, clientId, "iss and sub must be the client id");
		}
		if (claims.getAudience().stream().noneMatch(this.audiences::contains)) {
			throw refused(rules, clientId, "aud is neither the issuer nor the token endpoint");
		}
		Instant expiresAt = instant(claims.getExpirationTime());
		if (expiresAt == null || !expiresAt.isAfter(now.minus(CLOCK_SKEW))
				|| expiresAt.isAfter(now.plus(rules.maxLifetime()).plus(CLOCK_SKEW))) {
			throw refused(rules, clientId,
					"exp is missing, past, or more than " + rules.maxLifetime().toMinutes() + " minutes ahead");
		}
		Instant issuedAt = instant(claims.getIssueTime());
		if (rules.boundedByIssueTime() && issuedAt != null && (issuedAt.isAfter(now.plus(CLOCK_SKEW))
				|| Duration.between(issuedAt, expiresAt).compareTo(rules.maxLifetime()) > 0)) {
			throw refused(rules, clientId,
					"iat is in the future, or exp more than " + rules.maxLifetime().toMinutes() + " minutes after it");
		}
		Instant notBefore = instant(claims.getNotBeforeTime());
		if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			throw refused(rules, clientId, "nbf is in the future");
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
			throw refused(rules, clientId, "jti is missing or longer than " + MAX_JTI_LENGTH + " characters");
		}
	}

	/**
	 * RFC 7523 section 3, point 7: a {@code jti} of the service account is accepted once
	 * while its assertion lives, whichever use it was presented for.
	 */
	private void recordFirstUse(String clientId, JWTClaimsSet claims, Rules rules) {
		Instant expiresAt = claims.getExpirationTime().toInstant();
		if (!this.replays.firstUse(clientId, claims.getJWTID(), expiresAt.plus(CLOCK_SKEW))) {
			throw refused(rules, clientId, "the jti was used before");
		}
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

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/**
	 * The rules' one refusal, whatever failed; the operator finds the step at DEBUG.
	 */
	static OAuth2AuthenticationException refused(Rules rules, @Nullable String clientId, String reason) {
		LOG.debug("{} of client {} refused: {}", rules.use(), clientId, reason);
		return new OAuth2AuthenticationException(rules.refusal());
	}

}
