package org.tessera.oauth.login;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.tessera.account.AccountRepository;
import org.tessera.oauth.token.TokenIdentityResolver;
import org.tessera.problem.ErrorBodies;
import org.tessera.throttle.SourceResolver;
import org.tessera.throttle.Throttles;
import org.tessera.user.UserRepository;

/** The browser side: the login page and form login for people, the last filter chain. */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfiguration {

	/**
	 * Only the login page and its form may create a session here (for the CSRF token,
	 * then the login); any other path is answered 404 in problem+json, without a session
	 * and without remembering the request.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain loginFilterChain(HttpSecurity http, SourceResolver sources,
			@Value("${server.servlet.session.timeout:30m}") Duration loggedInTimeout) {
		SavedRequestAwareAuthenticationSuccessHandler backToAuthorization = new SavedRequestAwareAuthenticationSuccessHandler();
		LoginRequestCache requestCache = LoginRequestCache.readOnly();
		backToAuthorization.setRequestCache(requestCache);
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers("/login", "/error").permitAll().anyRequest().authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.authenticationDetailsSource((request) -> new LoginDetails(request, sources.resolve(request)))
				.failureHandler(new LoginFailureHandler())
				.successHandler(new LoginSessionLifetime(loggedInTimeout, backToAuthorization)))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login")))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint((request, response, failure) -> ErrorBodies
						.write(response, request.getRequestURI(), HttpStatus.NOT_FOUND.value(), "no such endpoint")));
		return http.build();
	}

	/**
	 * Runs before Spring Security, which must not find the session of a person deleted
	 * since the login.
	 */
	@Bean
	FilterRegistrationBean<StaleLoginFilter> staleLoginFilter(TokenIdentityResolver identities,
			AuthorizationServerSettings settings) {
		FilterRegistrationBean<StaleLoginFilter> registration = new FilterRegistrationBean<>(
				new StaleLoginFilter(identities));
		registration.addUrlPatterns(settings.getAuthorizationEndpoint());
		// after the shared sessions' filter (on PostgreSQL), before Spring Security
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	/**
	 * The one global authentication provider, so Spring Boot creates no default in-memory
	 * user.
	 */
	@Bean
	PersonAuthenticationProvider personAuthenticationProvider(AccountRepository accounts, UserRepository users,
			PasswordEncoder passwordEncoder, Throttles throttles) {
		return new PersonAuthenticationProvider(accounts, users, passwordEncoder, throttles);
	}

}
