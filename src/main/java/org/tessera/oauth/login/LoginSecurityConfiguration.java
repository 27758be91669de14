package org.tessera.oauth.login;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.tessera.account.AccountRepository;
import org.tessera.oauth.token.TokenIdentityResolver;
import org.tessera.throttle.SourceResolver;
import org.tessera.throttle.Throttles;
import org.tessera.user.UserRepository;

/** The browser side: the login page and form login for people, the last filter chain. */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfiguration {

	@Bean
	@Order(3)
	SecurityFilterChain loginFilterChain(HttpSecurity http, SourceResolver sources) {
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/login", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.authenticationDetailsSource((request) -> new LoginDetails(request, sources.resolve(request)))
				.failureHandler(new LoginFailureHandler()));
		return http.build();
	}

	/** Runs before Spring Security, which must not find the session of a person deleted since the login. */
	@Bean
	FilterRegistrationBean<StaleLoginFilter> staleLoginFilter(TokenIdentityResolver identities,
			AuthorizationServerSettings settings) {
		FilterRegistrationBean<StaleLoginFilter> registration = new FilterRegistrationBean<>(
				new StaleLoginFilter(identities));
		registration.addUrlPatterns(settings.getAuthorizationEndpoint());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** The one global authentication provider, so Spring Boot creates no default in-memory user. */
	@Bean
	PersonAuthenticationProvider personAuthenticationProvider(AccountRepository accounts, UserRepository users,
			PasswordEncoder passwordEncoder, Throttles throttles) {
		return new PersonAuthenticationProvider(accounts, users, passwordEncoder, throttles);
	}

}
