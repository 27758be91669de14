package org.tessera.oauth.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.tessera.serviceaccount.ServiceAccountKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code private_key_jwt} for service accounts without a server: real keys made here, the
 * real client list over a fake directory, jti replays remembered in a set. Every refusal
 * is the same {@code invalid_client}; the check that failed is what the operator reads at
 * DEBUG, which each test asserts.
 */
class ServiceAccountKeyAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final String SA = "sa-keys";

	private static final String ISSUER = "http://localhost:9000";

	private static ECKey ecKey;

	private static ECKey otherEcKey;

	private static RSAKey rsaKey;

	private final InMemoryServiceAccounts directory = new InMemoryServiceAccounts();

	private final RecordedUses uses = new RecordedUses();

	private final Set<String> usedJtis = new HashSet<>();

	private final ServiceAccountKeyAuthenticationProvider provider = new ServiceAccountKeyAuthenticationProvider(
			new TesseraClients(this.directory, ServiceAccountSecretAuthenticationProviderTests.properties()),
			new ServiceAccountAssertionVerifier(this.directory,
					(clientId, jti, expiresAt) -> this.usedJtis.add(clientId + " " + jti), this.uses, ISSUER,
					"/oauth2/token", Clock.fixed(NOW, ZoneOffset.UTC)));

	private final Logger log = (Logger) LoggerFactory.getLogger(ServiceAccountAssertionVerifier.class);

	private final ListAppender<ILoggingEvent> debug = new ListAppender<>();

	private @Nullable Level previousLevel;

	@BeforeAll
	static void keys() throws JOSEException {
		ecKey = new ECKeyGenerator(Curve.P_256).keyID("key-ec").generate();
		otherEcKey = new ECKeyGenerator(Curve.P_256).keyID("key-ec").generate();
		rsaKey = new RSAKeyGenerator(2048).keyID("key-rsa").generate();
	}

	@BeforeEach
	void aServiceAccountWithAnEcAndAnRsaKey() {
		this.directory.add(ServiceAccountSecretAuthenticationProviderTests.serviceAccount(SA, true));
		this.directory.addKey(new ServiceAccountKey("key-ec", SA, "ES256", ecKey.toPublicJWK(), NOW, null));
		this.directory.addKey(new ServiceAccountKey("key-rsa", SA, "RS256", rsaKey.toPublicJWK(), NOW, null));
		this.previousLevel = this.log.getLevel();
		this.log.setLevel(Level.DEBUG);
		this.debug.start();
		this.log.addAppender(this.debug);
	}

	@AfterEach
	void stopListening() {
		this.log.detachAppender(this.debug);
		this.log.setLevel(this.previousLevel);
	}

	@Test
	void aFreshAssertionSignedWithAnEcKeyOfTheClientAuthenticatesItAndItsUseIsNoted() throws JOSEException {
		Authentication result = this.provider.authenticate(request(SA, es256("key-ec", ecKey, claims())));

		assertThat(result.isAuthenticated()).isTrue();
		assertThat(((OAuth2ClientAuthenticationToken) result).getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat(this.uses.uses).containsExactly("key sa-keys/key-ec@" + NOW);
		assertThat(this.debug.list).isEmpty();
	}

	@Test
	void anAssertionSignedWithAnRsaKeyAndAddressedToTheTokenEndpointAuthenticatesTheClient() throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-rsa").build(),
				claims().audience(ISSUER + "/oauth2/token").build());
		jwt.sign(new RSASSASigner(rsaKey));

		assertThat(this.provider.authenticate(request(SA, jwt.serialize())).isAuthenticated()).isTrue();
	}

	@Test
	void anAssertionSignedWithAPs256KeyAuthenticatesTheClientButNotAsRs256() throws JOSEException {
		RSAKey ps256 = new RSAKeyGenerator(2048).keyID("key-ps").generate();
		this.directory.addKey(new ServiceAccountKey("key-ps", SA, "PS256", ps256.toPublicJWK(), NOW, null));
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("key-ps").build(),
				claims().build());
		jwt.sign(new RSASSASigner(ps256));
		SignedJWT asRs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-ps").build(),
				claims().build());
		asRs256.sign(new RSASSASigner(ps256));

		assertThat(this.provider.authenticate(request(SA, jwt.serialize())).isAuthenticated()).isTrue();
		this.uses.uses.clear();
		assertRefusedBecause(request(SA, asRs256.serialize()), "alg is not the key's");
	}

	@Test
	void anAssertionSignedWithADisabledKeyIsRefusedLikeAnyOther() throws JOSEException {
		this.directory
			.addKey(new ServiceAccountKey("key-off", SA, "ES256", ecKey.toPublicJWK(), NOW, null, null, true));

		assertRefusedBecause(request(SA, es256("key-off", ecKey, claims())), "the key is disabled or expired");
	}

	@Test
	void anAssertionSignedWithAnExpiredKeyIsRefusedLikeAnyOther() throws JOSEException {
		this.directory
			.addKey(new ServiceAccountKey("key-old", SA, "ES256", ecKey.toPublicJWK(), NOW, null, NOW, false));

		assertRefusedBecause(request(SA, es256("key-old", ecKey, claims())), "the key is disabled or expired");
	}

	@Test
	void anAssertionFromAnUnknownClientIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request("sa-nobody", es256("key-ec", ecKey, claims())),
				"no such client with keys, or no assertion");
	}

	@Test
	void aRequestWithoutAnAssertionIsRefusedLikeAnyOther() {
		assertRefusedBecause(
				new OAuth2ClientAuthenticationToken(SA, ServiceAccountKeyAuthenticationProvider.JWT_BEARER, null, null),
				"no such client with keys, or no assertion");
	}

	@Test
	void anAssertionThatIsNoJwtIsRefusedLikeAnyOther() {
		assertRefusedBecause(request(SA, "not.a.jwt"), "the assertion is not a signed JWT");
	}

	@Test
	void anAssertionWhoseKidNamesNoKeyOfTheClientIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-unknown", ecKey, claims())), "kid names no key of the client");
	}

	@Test
	void anAssertionSignedWithAnAlgorithmOtherThanItsKeysIsRefusedLikeAnyOther() throws JOSEException {
		SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-ec").build(),
				claims().build());
		hs256.sign(new MACSigner(new byte[32]));

		assertRefusedBecause(request(SA, hs256.serialize()), "alg is not the key's");
	}

	@Test
	void anAssertionNamingTheRsaKeyButSignedAsEs256IsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-rsa", ecKey, claims())), "alg is not the key's");
	}

	@Test
	void anAssertionSignedByAnotherKeyUnderTheClientsKidIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", otherEcKey, claims())), "the signature does not verify");
	}

	@Test
	void anAssertionIssuedByAnotherClientIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().issuer("sa-other"))),
				"iss and sub must be the client id");
	}

	@Test
	void anAssertionAboutAnotherSubjectIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().subject("sa-other"))),
				"iss and sub must be the client id");
	}

	@Test
	void anAssertionForAnotherAudienceIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().audience("https://elsewhere.example"))),
				"aud is neither the issuer nor the token endpoint");
	}

	@Test
	void anAssertionWithoutExpiryIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().expirationTime(null))),
				"exp is missing, past, or more than 5 minutes ahead");
	}

	@Test
	void anAssertionExpiredBeyondTheClockSkewIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().expirationTime(at(-31)))),
				"exp is missing, past, or more than 5 minutes ahead");
	}

	@Test
	void anAssertionLivingLongerThanFiveMinutesAndTheSkewIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().expirationTime(at(5 * 60 + 31)))),
				"exp is missing, past, or more than 5 minutes ahead");
	}

	@Test
	void anAssertionNotValidBeforeALaterTimeIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().notBeforeTime(at(31)))),
				"nbf is in the future");
	}

	@Test
	void anAssertionWithoutJtiIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().jwtID(null))),
				"jti is missing or longer than 256 characters");
	}

	@Test
	void anAssertionWithAJtiLongerThan256CharactersIsRefusedLikeAnyOther() throws JOSEException {
		assertRefusedBecause(request(SA, es256("key-ec", ecKey, claims().jwtID("j".repeat(257)))),
				"jti is missing or longer than 256 characters");
	}

	@Test
	void anAssertionPresentedASecondTimeIsRefusedLikeAnyOther() throws JOSEException {
		String assertion = es256("key-ec", ecKey, claims());
		this.provider.authenticate(request(SA, assertion));
		this.uses.uses.clear();

		assertRefusedBecause(request(SA, assertion), "the jti was used before");
	}

	@Test
	void aRequestOfAnotherAuthenticationMethodIsLeftToTheOtherProviders() throws JOSEException {
		OAuth2ClientAuthenticationToken basic = new OAuth2ClientAuthenticationToken(SA,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, es256("key-ec", ecKey, claims()), null);

		assertThat(this.provider.authenticate(basic)).isNull();
	}

	private void assertRefusedBecause(OAuth2ClientAuthenticationToken request, String reason) {
		OAuth2AuthenticationException refusal = catchThrowableOfType(OAuth2AuthenticationException.class,
				() -> this.provider.authenticate(request));
		assertThat(refusal).isNotNull();
		assertThat(refusal.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_CLIENT);
		assertThat(refusal.getError().getDescription()).isEqualTo("Client authentication failed");
		assertThat(this.uses.uses).isEmpty();
		assertThat(this.debug.list).singleElement().satisfies((event) -> {
			assertThat(event.getArgumentArray()).containsExactly("private_key_jwt", request.getPrincipal().toString(),
					reason);
			if (request.getCredentials() != null) {
				assertThat(event.getFormattedMessage()).doesNotContain(request.getCredentials().toString());
			}
		});
	}

	private static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().issuer(SA)
			.subject(SA)
			.audience(ISSUER)
			.issueTime(at(0))
			.expirationTime(at(120))
			.jwtID("jti-" + System.nanoTime());
	}

	private static Date at(long secondsFromNow) {
		return Date.from(NOW.plusSeconds(secondsFromNow));
	}

	private static String es256(String kid, ECKey key, JWTClaimsSet.Builder claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static OAuth2ClientAuthenticationToken request(String clientId, String assertion) {
		return new OAuth2ClientAuthenticationToken(clientId, ServiceAccountKeyAuthenticationProvider.JWT_BEARER,
				assertion, null);
	}

}
