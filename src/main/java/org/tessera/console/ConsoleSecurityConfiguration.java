package org.tessera.console;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's filter chain: its pages answer any browser (a page without a sign-in
 * sends it to the sign-in), every change needs the session's CSRF token, and every answer
 * carries a strict Content-Security-Policy that allows no inline script, no framing and
 * forms only to this server.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain consoleFilterChain(HttpSecurity http) {
		http.securityMatcher("/console", "/console/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions((frames) -> frames.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new ExpiredFormPage()));
		return http.build();
	}

	@Bean
	WebMvcConfigurer consolePages(Clock clock) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new SignedInInterceptor(clock))
					.addPathPatterns("/console/**")
					.excludePathPatterns("/console", "/console/", "/console/sign-in", "/console/callback",
							"/console/sign-out", "/console/signed-out", "/console/assets/**");
			}
		};
	}

}
