package org.tessera.oauth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.catalina.session.TooManyActiveSessionsException;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

/**
 * The shared login sessions stop at their maximum as Tomcat's do, so that the session
 * capacity filter answers 503, and the live sessions are counted once per interval, not
 * once per new session.
 */
class CappedSessionRepositoryTests {

	@Test
	void aNewSessionBeyondTheMaximumIsRefusedAndTheCountIsNotReadForEachSession() {
		MapSessionRepository stored = new MapSessionRepository(new ConcurrentHashMap<>());
		AtomicInteger counts = new AtomicInteger();
		CappedSessionRepository<MapSession> sessions = new CappedSessionRepository<>(stored, 3, () -> {
			counts.incrementAndGet();
			return 1;
		});

		sessions.createSession();
		sessions.createSession();

		assertThatExceptionOfType(TooManyActiveSessionsException.class).isThrownBy(sessions::createSession);
		assertThat(counts).hasValue(1);
	}

}
