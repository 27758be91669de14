package org.tessera.oauth.login;

import java.util.function.LongSupplier;

import org.apache.catalina.session.TooManyActiveSessionsException;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Bounds the login sessions kept in the shared database as Tomcat's manager bounds those
 * in memory: past {@code tessera.login.max-sessions} live sessions on all nodes together,
 * a request that needs a new session gets 503 ({@link SessionCapacityFilter}). The count
 * is read again at most every {@value #RECOUNT_MILLIS} ms, so a flood of new logins costs
 * one count query per interval, not one per login.
 */
final class CappedSessionRepository<S extends Session> implements SessionRepository<S> {

	static final long RECOUNT_MILLIS = 5_000;

	private final SessionRepository<S> delegate;

	private final int maxSessions;

	private final LongSupplier countLiveSessions;

	private volatile long counted;

	private volatile long countedAt;

	CappedSessionRepository(SessionRepository<S> delegate, int maxSessions, LongSupplier countLiveSessions) {
		this.delegate = delegate;
		this.maxSessions = maxSessions;
		this.countLiveSessions = countLiveSessions;
	}

	@Override
	public S createSession() {
		long now = System.currentTimeMillis();
		if (now - this.countedAt >= RECOUNT_MILLIS) {
			this.counted = this.countLiveSessions.getAsLong();
			this.countedAt = now;
		}
		if (this.counted >= this.maxSessions) {
			throw new TooManyActiveSessionsException("the shared login sessions are at their maximum",
					this.maxSessions);
		}
		this.counted++;
		return this.delegate.createSession();
	}

	@Override
	public void save(S session) {
		this.delegate.save(session);
	}

	@Override
	public S findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

}
