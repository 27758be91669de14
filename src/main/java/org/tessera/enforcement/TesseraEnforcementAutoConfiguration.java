package org.tessera.enforcement;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Makes a Spring Boot servlet application a resource server of Tessera once
 * {@code tessera.enforcement.issuer} is set: stateless, no CSRF (bearer tokens only), the
 * {@code public-paths} open and every other request needing an access token of that
 * issuer ({@link AccessTokenVerifiers}), 401 problem+json with
 * {@code WWW-Authenticate: Bearer} without one ({@link BearerTokenEntryPoint}), 503 while
 * the issuer's keys cannot be fetched ({@link IssuerUnavailableFailureHandler}), and a
 * {@link TesseraPolicyAuthorizer} whose refusals are 403 problem+json
 * ({@link PolicyDeniedProblemHandler}). Without the property it configures nothing.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "tessera.enforcement", name = "issuer")
@EnableConfigurationProperties(EnforcementProperties.class)
public class TesseraEnforcementAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain tesseraEnforcementSecurity(HttpSecurity http, VerifiedTokenCache verifiedTokens,
			EnforcementProperties properties) throws Exception {
		BearerTokenEntryPoint entryPoint = new BearerTokenEntryPoint();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests(
					(authorize) -> authorize.requestMatchers(properties.publicPaths().toArray(String[]::new))
						.permitAll()
						.anyRequest()
						.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(entryPoint)
				.bearerTokenResolver(new HeaderBearerTokenResolver())
				.jwt((jwt) -> jwt.authenticationManager(verifiedTokens))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
						filter.setAuthenticationFailureHandler(new IssuerUnavailableFailureHandler(entryPoint));
						return filter;
					}
				}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	@Bean
	@ConditionalOnMissingBean
	VerifiedTokenCache verifiedTokens(EnforcementProperties properties) {
		return AccessTokenVerifiers.verifiedTokens(properties);
	}

	/**
	 * Spring's strict firewall, with its default header-value rule checked without a
	 * regular expression.
	 */
	@Bean
	WebSecurityCustomizer tesseraEnforcementFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(new AllowedHeaderValues());
		return (web) -> web.httpFirewall(firewall);
	}

	@Bean
	@ConditionalOnMissingBean
	TesseraPolicyAuthorizer tesseraPolicyAuthorizer() {
		return new TesseraPolicyAuthorizer();
	}

	@Bean
	PolicyDeniedProblemHandler policyDeniedProblemHandler() {
		return new PolicyDeniedProblemHandler();
	}

}
