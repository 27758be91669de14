package org.tessera.vserver.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.tessera.jose.SignedJwtProcessor;

/**
 * vServer's web security: stateless, no CSRF (bearer tokens only), {@code /vserver/v1/health} open, everything else
 * needs an RFC 9068 access token of the configured issuer, verified with the keys at {@code <issuer>/oauth2/jwks}.
 */
@Configuration(proxyBeanMethods = false)
public class VServerSecurityConfiguration {

	/** Connect and read timeouts of a JWK set fetch; a refetch waits for another one at most both. */
	private static final int JWKS_TIMEOUT_MILLIS = 2_000;

	private static final int JWKS_SIZE_LIMIT = 256 * 1024;

	@Bean
	SecurityFilterChain vServerSecurity(HttpSecurity http, VerifiedTokenCache verifiedTokens) throws Exception {
		BearerTokenEntryPoint entryPoint = new BearerTokenEntryPoint();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/vserver/v1/health", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(entryPoint)
				.bearerTokenResolver(new HeaderBearerTokenResolver())
				.jwt((jwt) -> jwt.authenticationManager(verifiedTokens))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
						filter.setAuthenticationFailureHandler(new IssuerUnavailableFailureHandler(entryPoint));
						return filter;
					}
				}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	/**
	 * Accepts ES256, RS256 or EdDSA tokens signed by a key of the issuer's JWK set, with {@code typ: at+jwt}, the
	 * issuer, the audience, and {@code exp sub iat jti client_id} (RFC 9068); {@code exp} and {@code nbf} are checked
	 * with {@code tessera.vserver.clock-skew} of tolerance (Spring's default would be 60 s), and a verified token's
	 * authentication is remembered until it expires, with the same tolerance ({@link VerifiedTokenCache}). The JWK set is fetched on first use and cached by
	 * Nimbus for five minutes; a token naming an unknown {@code kid} has it fetched again at most once per
	 * {@code tessera.vserver.jwks-refetch-interval} ({@link UnknownKeyRefetchLimit}). No refresh-ahead thread.
	 */
	@Bean
	VerifiedTokenCache verifiedTokens(@Value("${tessera.vserver.issuer}") String issuer,
			@Value("${tessera.vserver.audience}") String audience,
			@Value("${tessera.vserver.jwks-refetch-interval}") Duration refetchInterval,
			@Value("${tessera.vserver.clock-skew}") Duration clockSkew) throws MalformedURLException {
		JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(URI.create(issuer + "/oauth2/jwks").toURL(),
				new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT));
		JWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(fetched,
				JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
		JWKSource<SecurityContext> keys = new JWKSetBasedJWKSource<>(
				new UnknownKeyRefetchLimit<>(cached, refetchInterval.toMillis(), 2 * JWKS_TIMEOUT_MILLIS));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(SignedJwtProcessor.verifyingWith(keys));
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(issuer)
			.audience(audience)
			.validators((validators) -> validators.put(JwtClaimNames.EXP, lifetime(clockSkew)))
			.build());
		return new VerifiedTokenCache(new JwtAuthenticationProvider(decoder), Clock.systemUTC(), clockSkew,
				VerifiedTokenCache.DEFAULT_MAXIMUM_BYTES);
	}

	/** {@code exp} is required; {@code exp} and {@code nbf} hold with {@code clockSkew} of tolerance. */
	private static OAuth2TokenValidator<Jwt> lifetime(Duration clockSkew) {
		return new DelegatingOAuth2TokenValidator<>(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtTimestampValidator(clockSkew));
	}

	/** Spring's strict firewall, with its default header-value rule checked without a regular expression. */
	@Bean
	WebSecurityCustomizer firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(new AllowedHeaderValues());
		return (web) -> web.httpFirewall(firewall);
	}

	@Bean
	TesseraPolicyAuthorizer tesseraPolicyAuthorizer() {
		return new TesseraPolicyAuthorizer();
	}

}
