package org.tessera.oauth.login;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.cluster.ClusterLock;
import org.tessera.cluster.OnSharedDatabase;

/**
 * On PostgreSQL, login sessions live in the shared database (Spring Session JDBC) rather
 * than in one node's memory, so that a login started on one node finishes on another
 * behind a load balancer without sticky sessions. The bounds of
 * {@link LoginSessionConfiguration} hold: a new session lives
 * {@code tessera.login.pending-session-timeout} until its login succeeds, at most
 * {@code tessera.login.max-sessions} live at once (503 beyond), and expired sessions are
 * deleted every minute, by one node at a time.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnSharedDatabase.class)
class SharedLoginSessionConfiguration {

	@Bean
	JdbcIndexedSessionRepository loginSessions(JdbcTemplate jdbc, PlatformTransactionManager transactions,
			@Value("${tessera.login.pending-session-timeout:5m}") Duration pendingTimeout) {
		JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(jdbc,
				new TransactionTemplate(transactions));
		sessions.setDefaultMaxInactiveInterval(pendingTimeout);
		return sessions;
	}

	@Bean
	FilterRegistrationBean<SessionRepositoryFilter<?>> sharedLoginSessionFilter(JdbcIndexedSessionRepository sessions,
			JdbcTemplate jdbc, @Value("${tessera.login.max-sessions:5000}") int maxSessions) {
		// as a plain repository: Spring Session's session type is not public
		SessionRepository<?> repository = sessions;
		FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(
				capped(repository, maxSessions,
						() -> jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE EXPIRY_TIME > ?",
								Long.class, System.currentTimeMillis())));
		registration.addUrlPatterns("/*");
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
		return registration;
	}

	/**
	 * The filter that puts the shared sessions behind {@code HttpSession}, under the
	 * cookie name the servlet container uses, so that browsers and clients see no change.
	 */
	private static <S extends Session> SessionRepositoryFilter<S> capped(SessionRepository<S> sessions, int maxSessions,
			LongSupplier countLiveSessions) {
		SessionRepositoryFilter<S> filter = new SessionRepositoryFilter<>(
				new CappedSessionRepository<>(sessions, maxSessions, countLiveSessions));
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName("JSESSIONID");
		CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
		resolver.setCookieSerializer(cookie);
		filter.setHttpSessionIdResolver(resolver);
		return filter;
	}

	@Bean
	ExpiredLoginSessions expiredLoginSessions(JdbcIndexedSessionRepository sessions, ClusterLock lock) {
		return new ExpiredLoginSessions(sessions, lock);
	}

	/** Deletes expired login sessions every minute, on one node at a time. */
	static final class ExpiredLoginSessions {

		private final JdbcIndexedSessionRepository sessions;

		private final ClusterLock lock;

		ExpiredLoginSessions(JdbcIndexedSessionRepository sessions, ClusterLock lock) {
			this.sessions = sessions;
			this.lock = lock;
		}

		@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
		void delete() {
			this.lock.runAlone("expired-login-sessions", this.sessions::cleanUpExpiredSessions);
		}

	}

}
