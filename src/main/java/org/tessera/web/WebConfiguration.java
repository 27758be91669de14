package org.tessera.web;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tessera.access.AccountPathArgumentResolver;
import org.tessera.problem.JsonAcceptFilter;
import org.tessera.problem.RequestBodyLimitFilter;

/**
 * Wires the request checks that run before Spring Security, and the handler arguments
 * read from the path ({@code {acct}}) and headers ({@code If-Match}); Tomcat's and the
 * container's error answers are wired in {@code org.tessera.problem}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/** The largest management request body accepted, declared or not. */
	static final int MANAGEMENT_MAX_BODY_BYTES = 64 * 1024;

	@Bean
	PostgresqlRequestThreads postgresqlRequestThreads(Environment environment) {
		return new PostgresqlRequestThreads(environment);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		return first(new RequestBodyLimitFilter(MANAGEMENT_MAX_BODY_BYTES), "/iam/v1/*", "/storage/v1/*");
	}

	/**
	 * The management API only: discovery and the key set answer their JSON, and the token
	 * endpoints RFC 6749 JSON, whatever the Accept header.
	 */
	@Bean
	FilterRegistrationBean<JsonAcceptFilter> jsonAcceptFilter() {
		return first(new JsonAcceptFilter(), "/iam/v1/*", "/storage/v1/*");
	}

	@Bean
	FilterRegistrationBean<JsonOnlyFilter> jsonOnlyFilter() {
		return first(new JsonOnlyFilter(), "/iam/v1/*", "/storage/v1/*");
	}

	@Bean
	FilterRegistrationBean<TokenEndpointRequestFilter> tokenEndpointRequestFilter() {
		return first(new TokenEndpointRequestFilter(), "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new AccountPathArgumentResolver());
		resolvers.add(new IfMatchArgumentResolver());
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> first(F filter, String... urls) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(urls);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
