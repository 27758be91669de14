package org.tessera.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the request checks that run before Spring Security, and Tomcat's error answers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter() {
		return first(new RequestSizeLimitFilter(), "/iam/v1/*");
	}

	@Bean
	FilterRegistrationBean<JsonOnlyFilter> jsonOnlyFilter() {
		return first(new JsonOnlyFilter(), "/iam/v1/*");
	}

	@Bean
	FilterRegistrationBean<TokenEndpointRequestFilter> tokenEndpointRequestFilter() {
		return first(new TokenEndpointRequestFilter(), "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");
	}

	/** Runs after Spring Boot's own valve customizer, so Tessera's valve is the inner one and reports first. */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(ConfigurableTomcatWebServerFactory factory) {
				factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
						host.getPipeline().addValve(new ProblemErrorReportValve());
					}
				});
			}

		};
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> first(F filter, String... urls) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(urls);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
