package org.tessera.access;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tessera.account.SignUpBearerTokenResolver;
import org.tessera.problem.ProblemResponses;

/**
 * The management API {@code /iam/v1} is a stateless resource server of this same issuer:
 * bearer tokens verified locally, problem+json for 401 and 403 (the body size and Accept
 * checks are wired in {@code WebConfiguration}). Sign-up is the one call without a token.
 * Per-call permissions are checked by {@link AccessGuard}.
 */
@Configuration(proxyBeanMethods = false)
class ManagementApiSecurityConfiguration implements WebMvcConfigurer {

	@Bean
	@Order(2)
	SecurityFilterChain managementApiFilterChain(HttpSecurity http, JwtDecoder accessTokenDecoder) {
		http.securityMatcher("/iam/v1/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.POST, "/iam/v1/accounts")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(accessTokenDecoder))
				.bearerTokenResolver(new SignUpBearerTokenResolver())
				.authenticationEntryPoint(ProblemResponses.bearerEntryPoint())
				.accessDeniedHandler(ProblemResponses.bearerAccessDenied()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(ProblemResponses.bearerEntryPoint())
				.accessDeniedHandler(ProblemResponses.bearerAccessDenied()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}

}
