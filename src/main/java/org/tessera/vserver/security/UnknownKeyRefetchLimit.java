package org.tessera.vserver.security;

import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets tokens naming a {@code kid} the cached JWK set lacks make vServer fetch the issuer's set
 * again at most once per interval, as Keycloak's {@code min-time-between-jwks-requests} does: a
 * flood of made-up {@code kid}s costs the issuer one request per interval instead of one per
 * token. It sits above the cache, so the cache's own refresh of an expired set is never held
 * back, unlike Nimbus's {@code RateLimitedJWKSetSource}, whose budget such a flood would spend.
 * Refetch requests take turns, so a token that arrives while another one's refetch is under way
 * is checked against the refetched set rather than refused.
 */
final class UnknownKeyRefetchLimit<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

	private final long intervalMillis;

	private final ReentrantLock refetching = new ReentrantLock();

	private long nextRefetch = Long.MIN_VALUE;

	UnknownKeyRefetchLimit(JWKSetSource<C> cachedSource, long intervalMillis) {
		super(cachedSource);
		this.intervalMillis = intervalMillis;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
			throws KeySourceException {
		if (refreshEvaluator == JWKSetCacheRefreshEvaluator.noRefresh()) {
			return getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		this.refetching.lock();
		try {
			if (currentTime < this.nextRefetch) {
				return getSource().getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), currentTime, context);
			}
			this.nextRefetch = currentTime + this.intervalMillis;
			return getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		finally {
			this.refetching.unlock();
		}
	}

}
