package org.tessera.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Registers the token endpoint's timing around everything else that answers it, and keeps
 * Spring's observations out of every request: Spring Security's, which would wrap every
 * filter of every request in an observation, and Spring MVC's
 * {@link ServerHttpObservationFilter}, which opens an observation scope for each request
 * even when the observation itself is switched off. Both cost each token for a detail
 * nobody asked for; the token endpoint's own timer says what matters.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	FilterRegistrationBean<TokenRequestMetrics> tokenRequestMetrics(MeterRegistry registry) {
		FilterRegistrationBean<TokenRequestMetrics> registration = new FilterRegistrationBean<>(
				new TokenRequestMetrics(registry));
		registration.addUrlPatterns("/oauth2/token");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Present but disabled, so that Boot's auto-configuration registers none. */
	@Bean
	FilterRegistrationBean<ServerHttpObservationFilter> noServerHttpObservations() {
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new ServerHttpObservationFilter(ObservationRegistry.NOOP));
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

}
