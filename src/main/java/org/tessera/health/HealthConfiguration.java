package org.tessera.health;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wires the database's recovery and the health probes: {@code /actuator/health} and its
 * {@code liveness} and {@code readiness} groups answer without a token and without a
 * session, in JSON, for a supervisor; no other actuator endpoint is exposed
 * (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain healthFilterChain(HttpSecurity http) {
		http.securityMatcher("/actuator/health", "/actuator/health/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	FilterRegistrationBean<ServiceUnavailableFilter> databaseUnavailableFilter(DatabaseRecovery recovery) {
		FilterRegistrationBean<ServiceUnavailableFilter> registration = new FilterRegistrationBean<>(
				new ServiceUnavailableFilter(recovery));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
