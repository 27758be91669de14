package org.tessera.enforcement;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.tessera.jose.SignedJwtProcessor;

/**
 * Builds the verification of Tessera's access tokens from {@link EnforcementProperties}:
 * ES256, RS256 or EdDSA tokens signed by a key of the issuer's JWK set, with
 * {@code typ: at+jwt}, the issuer, the audience, and {@code exp sub iat jti client_id}
 * (RFC 9068); {@code exp} and {@code nbf} are checked with the configured clock skew
 * (Spring's default would be 60 s), and a verified token's authentication is remembered
 * until it expires, with the same tolerance ({@link VerifiedTokenCache}). The JWK set is
 * fetched on first use and cached by Nimbus for five minutes; a token naming an unknown
 * {@code kid} has it fetched again at most once per refetch interval
 * ({@link UnknownKeyRefetchLimit}). No refresh-ahead thread.
 */
public final class AccessTokenVerifiers {

	/**
	 * Connect and read timeouts of a JWK set fetch; a refetch waits for another one at
	 * most both.
	 */
	private static final int JWKS_TIMEOUT_MILLIS = 2_000;

	private static final int JWKS_SIZE_LIMIT = 256 * 1024;

	private AccessTokenVerifiers() {
	}

	/** The authentication manager of a resource server trusting the configured issuer. */
	public static VerifiedTokenCache verifiedTokens(EnforcementProperties properties) {
		String issuer = properties.issuer();
		JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(jwksUrl(issuer),
				new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT));
		JWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(fetched,
				JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
		JWKSource<SecurityContext> keys = new JWKSetBasedJWKSource<>(new UnknownKeyRefetchLimit<>(cached,
				properties.jwksRefetchInterval().toMillis(), 2 * JWKS_TIMEOUT_MILLIS));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(SignedJwtProcessor.verifyingWith(keys));
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer).validators((validators) -> {
			validators.put(JwtClaimNames.AUD, audience(properties.acceptedAudiences()));
			validators.put(JwtClaimNames.EXP, lifetime(properties.clockSkew()));
		}).build());
		return new VerifiedTokenCache(new JwtAuthenticationProvider(decoder), Clock.systemUTC(), properties.clockSkew(),
				properties.verifiedTokensMaximumSize().toBytes());
	}

	/** {@code aud} names one of the accepted audiences. */
	private static OAuth2TokenValidator<Jwt> audience(List<String> accepted) {
		return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.stream().anyMatch(accepted::contains));
	}

	private static java.net.URL jwksUrl(String issuer) {
		try {
			return URI.create(issuer + "/oauth2/jwks").toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("tessera.enforcement.issuer is not an http(s) URL: " + issuer, ex);
		}
	}

	/**
	 * {@code exp} is required; {@code exp} and {@code nbf} hold with {@code clockSkew} of
	 * tolerance.
	 */
	private static OAuth2TokenValidator<Jwt> lifetime(Duration clockSkew) {
		return new DelegatingOAuth2TokenValidator<>(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtTimestampValidator(clockSkew));
	}

}
