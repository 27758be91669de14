package org.tessera.oauth.login;

import java.time.Duration;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.apache.catalina.session.StandardManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Bounds what HTTP sessions can hold. Only a login under way creates one (the
 * authorization endpoint's redirect to the login page, the login page and its form); the
 * server holds at most {@code tessera.login.max-sessions} of them (503 beyond); a session
 * whose login never completed expires after {@code tessera.login.pending-session-timeout}
 * idle, a logged-in one after {@code server.servlet.session.timeout}.
 */
@Configuration(proxyBeanMethods = false)
class LoginSessionConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> sessionCap(
			@Value("${tessera.login.max-sessions:5000}") int maxSessions) {
		return (factory) -> factory.addContextCustomizers((context) -> {
			StandardManager manager = new StandardManager();
			manager.setMaxActiveSessions(maxSessions);
			context.setManager(manager);
		});
	}

	/**
	 * Every new session is a login under way until the login succeeds
	 * ({@link LoginSessionLifetime}).
	 */
	@Bean
	ServletListenerRegistrationBean<HttpSessionListener> pendingLoginTimeout(
			@Value("${tessera.login.pending-session-timeout:5m}") Duration pendingTimeout) {
		int seconds = (int) Math.max(1, pendingTimeout.toSeconds());
		return new ServletListenerRegistrationBean<>(new HttpSessionListener() {
			@Override
			public void sessionCreated(HttpSessionEvent event) {
				event.getSession().setMaxInactiveInterval(seconds);
			}
		});
	}

	@Bean
	FilterRegistrationBean<SessionCapacityFilter> sessionCapacityFilter() {
		FilterRegistrationBean<SessionCapacityFilter> registration = new FilterRegistrationBean<>(
				new SessionCapacityFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
