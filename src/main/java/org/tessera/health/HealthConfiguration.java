package org.tessera.health;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
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
 * Wires the database's recovery and the actuator endpoints of the management port:
 * {@code /actuator/health} with its {@code liveness} and {@code readiness} groups, for a
 * supervisor, and the operator's {@code /actuator/signingkeys} answer without a token and
 * without a session, in JSON. The management port is bound to localhost unless configured
 * otherwise, so whoever reaches it is the operator (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain healthFilterChain(HttpSecurity http) {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
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
