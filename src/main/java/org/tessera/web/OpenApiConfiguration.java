package org.tessera.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.tessera.access.Caller;

/**
 * Serves the management API's OpenAPI document ({@code /v3/api-docs}) and Swagger UI
 * ({@code /swagger-ui}), generated from the {@code /iam/v1} controllers by springdoc:
 * public and read-only, so anyone can learn the API without a token. The settings are the
 * {@code springdoc.*} keys in {@code application.properties}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Resolved from the bearer token by an argument resolver, not sent by the client
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	/**
	 * GET and HEAD only, no session, no token. Its paths are disjoint from the management
	 * API's chain (same order) and must come before the login chain, which would send
	 * them to the login page.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain apiDocumentationFilterChain(HttpSecurity http) {
		http.securityMatcher("/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD)
				.permitAll()
				.anyRequest()
				.denyAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	OpenApiCustomizer managementApiAnswers() {
		return new ManagementApiAnswers();
	}

}
