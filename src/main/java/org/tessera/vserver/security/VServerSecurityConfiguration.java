package org.tessera.vserver.security;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * vServer's web security: stateless, no CSRF (bearer tokens only), {@code /vserver/v1/health} open, everything else
 * needs an RFC 9068 access token of the configured issuer, verified with the keys at {@code <issuer>/oauth2/jwks}.
 */
@Configuration(proxyBeanMethods = false)
public class VServerSecurityConfiguration {

	@Bean
	SecurityFilterChain vServerSecurity(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
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
				.jwt((jwt) -> jwt.decoder(jwtDecoder)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	/**
	 * Accepts ES256 or RS256 tokens signed by a key of the issuer's JWK set, with {@code typ: at+jwt}, the issuer,
	 * the audience, and {@code exp sub iat jti client_id} (RFC 9068); a verified token is remembered until it
	 * expires ({@link VerifiedTokenCache}).
	 */
	@Bean
	JwtDecoder jwtDecoder(@Value("${tessera.vserver.issuer}") String issuer,
			@Value("${tessera.vserver.audience}") String audience) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks")
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.ES256);
				algorithms.add(SignatureAlgorithm.RS256);
			})
			.validateType(false)
			.build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer).audience(audience).build());
		return new VerifiedTokenCache(decoder, Clock.systemUTC(), 10_000);
	}

	@Bean
	TesseraPolicyAuthorizer tesseraPolicyAuthorizer() {
		return new TesseraPolicyAuthorizer();
	}

}
