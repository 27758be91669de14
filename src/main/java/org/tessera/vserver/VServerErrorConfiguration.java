package org.tessera.vserver;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.tessera.problem.ErrorResponseController;
import org.tessera.problem.JsonAcceptFilter;
import org.tessera.problem.ProblemErrorReports;
import org.tessera.problem.ProblemRequestRejectedHandler;
import org.tessera.problem.RequestBodyLimitFilter;

/**
 * Bad input that never reaches {@link VServerProblemHandler} is answered in problem+json
 * too, as on the authorization server: paths Spring Security's firewall refuses, requests
 * Tomcat refuses itself (an undecodable path, an oversized request line), the container's
 * error dispatches, a direct request for {@code /error}, and an Accept header that is
 * malformed or rules JSON out.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ErrorResponseController.class, ProblemRequestRejectedHandler.class, ProblemErrorReports.class })
class VServerErrorConfiguration {

	/** vServer's largest body, {@code {"name": ...}}, is under 300 bytes. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	/**
	 * Bodies over {@value #MAX_BODY_BYTES} bytes, declared or not, are refused with 413
	 * before Spring Security and before any handler reads them: without a limit anyone
	 * could make vServer read hundreds of megabytes.
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(MAX_BODY_BYTES));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Runs after Spring Security, so that a path the firewall refuses is still 400 and a
	 * missing token 401 whatever the Accept header.
	 */
	@Bean
	FilterRegistrationBean<JsonAcceptFilter> jsonAcceptFilter() {
		FilterRegistrationBean<JsonAcceptFilter> registration = new FilterRegistrationBean<>(new JsonAcceptFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

}
