package org.tessera.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.tessera.problem.ErrorBodies;

/**
 * {@code /storage/v1} is for storage services only: HTTP Basic with the storage service's
 * credential, no session, problem+json for a missing or wrong credential. Its paths are
 * disjoint from the other chains of the same order.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageServiceSecurityConfiguration {

	@Bean
	@Order(2)
	SecurityFilterChain storageServiceFilterChain(HttpSecurity http, StorageServiceCredential credential) {
		AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"tessera-storage\"");
			ErrorBodies.write(response, request.getRequestURI(), HttpStatus.UNAUTHORIZED.value(),
					"the storage service's credential is required");
		};
		http.securityMatcher("/storage/v1/**")
			.authenticationManager(new ProviderManager(new StorageServiceAuthenticationProvider(credential)))
			.authorizeHttpRequests(
					(authorize) -> authorize.anyRequest().hasAuthority(StorageServiceAuthenticationProvider.AUTHORITY))
			.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
