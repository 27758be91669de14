package org.tessera.enforcement;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets tokens naming a key the cached JWK set lacks make the resource server fetch the
 * issuer's set again at most once per interval, as Keycloak's
 * {@code min-time-between-jwks-requests} does: a flood of made-up {@code kid}s costs the
 * issuer one request per interval instead of one per token. It sits above the cache, so
 * the cache's own refresh of an expired set is never held back, unlike Nimbus's
 * {@code RateLimitedJWKSetSource}, whose budget such a flood would spend.
 * <ul>
 * <li>Refetches take turns: a token that arrives while another one's refetch is under way
 * waits for it (at most the given wait) and is checked against the refetched set.</li>
 * <li>Within the interval after a refetch that failed, such tokens are answered with
 * {@link JWKSetUnavailableException} (the resource server's 503), not as unknown keys
 * (401), so that a client holding a token of a freshly rotated key retries rather than
 * throws it away.</li>
 * </ul>
 */
final class UnknownKeyRefetchLimit<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

	private final long intervalMillis;

	private final long waitMillis;

	private final ReentrantLock refetching = new ReentrantLock();

	private long nextRefetch = Long.MIN_VALUE;

	private boolean lastRefetchFailed;

	UnknownKeyRefetchLimit(JWKSetSource<C> cachedSource, long intervalMillis, long waitMillis) {
		super(cachedSource);
		this.intervalMillis = intervalMillis;
		this.waitMillis = waitMillis;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
			throws KeySourceException {
		if (refreshEvaluator == JWKSetCacheRefreshEvaluator.noRefresh()) {
			return getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		awaitTurn();
		try {
			if (currentTime < this.nextRefetch) {
				if (this.lastRefetchFailed) {
					throw new JWKSetUnavailableException("the issuer's keys could not be fetched again");
				}
				return getSource().getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), currentTime, context);
			}
			this.nextRefetch = currentTime + this.intervalMillis;
			this.lastRefetchFailed = true;
			JWKSet refetched = getSource().getJWKSet(refreshEvaluator, currentTime, context);
			this.lastRefetchFailed = false;
			return refetched;
		}
		finally {
			this.refetching.unlock();
		}
	}

	private void awaitTurn() throws JWKSetUnavailableException {
		try {
			if (this.refetching.tryLock(this.waitMillis, TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new JWKSetUnavailableException("another refetch of the issuer's keys is still under way");
	}

}
