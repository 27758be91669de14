package org.tessera.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;

class UnknownKeyRefetchLimitTests {

	private static final JWKSetCacheRefreshEvaluator NO_REFRESH = JWKSetCacheRefreshEvaluator.noRefresh();

	private final List<JWKSetCacheRefreshEvaluator> passedOn = new CopyOnWriteArrayList<>();

	private final JWKSetCacheRefreshEvaluator refetch = JWKSetCacheRefreshEvaluator.referenceComparison(new JWKSet());

	private final CountDownLatch refetchStarted = new CountDownLatch(1);

	private final CountDownLatch issuerAnswers = new CountDownLatch(1);

	private volatile boolean issuerDown;

	private volatile boolean issuerSlow;

	/**
	 * Nimbus's cache, as the limit sees it: answers the set, or fails a refetch while the
	 * issuer is down.
	 */
	private final JWKSetSource<SecurityContext> cache = new JWKSetSource<>() {

		@Override
		public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
				throws KeySourceException {
			UnknownKeyRefetchLimitTests.this.passedOn.add(evaluator);
			if (evaluator != NO_REFRESH && UnknownKeyRefetchLimitTests.this.issuerSlow) {
				UnknownKeyRefetchLimitTests.this.refetchStarted.countDown();
				awaitIssuer();
			}
			if (evaluator != NO_REFRESH && UnknownKeyRefetchLimitTests.this.issuerDown) {
				throw new JWKSetRetrievalException("connection refused", null);
			}
			return new JWKSet();
		}

		@Override
		public void close() {
		}

	};

	@Test
	void aRefetchIsPassedOnOncePerIntervalAndAnyOtherBecomesAPlainRead() throws Exception {
		UnknownKeyRefetchLimit<SecurityContext> limit = limit(10_000);

		limit.getJWKSet(this.refetch, 1_000, null);
		limit.getJWKSet(this.refetch, 1_001, null);
		limit.getJWKSet(this.refetch, 10_999, null);
		limit.getJWKSet(this.refetch, 11_000, null);

		assertThat(this.passedOn).containsExactly(this.refetch, NO_REFRESH, NO_REFRESH, this.refetch);
	}

	@Test
	void plainReadsDoNotSpendTheRefetchBudget() throws Exception {
		UnknownKeyRefetchLimit<SecurityContext> limit = limit(10_000);
		for (long time = 0; time < 5; time++) {
			limit.getJWKSet(NO_REFRESH, time, null);
		}
		limit.getJWKSet(this.refetch, 5, null);

		assertThat(this.passedOn).hasSize(6).last().isSameAs(this.refetch);
	}

	@Test
	void afterAFailedRefetchTheIntervalAnswersUnavailableNotAnUnknownKey() throws Exception {
		UnknownKeyRefetchLimit<SecurityContext> limit = limit(10_000);
		this.issuerDown = true;

		assertThatThrownBy(() -> limit.getJWKSet(this.refetch, 1_000, null))
			.isInstanceOf(JWKSetRetrievalException.class);
		assertThatThrownBy(() -> limit.getJWKSet(this.refetch, 5_000, null))
			.isInstanceOf(JWKSetUnavailableException.class);
		this.issuerDown = false;
		limit.getJWKSet(this.refetch, 11_000, null);
		limit.getJWKSet(this.refetch, 12_000, null);

		assertThat(this.passedOn).containsExactly(this.refetch, this.refetch, NO_REFRESH);
	}

	@Test
	void aTokenArrivingDuringAnotherOnesRefetchWaitsForItsResult() throws Exception {
		UnknownKeyRefetchLimit<SecurityContext> limit = limit(10_000);
		this.issuerSlow = true;
		CompletableFuture<JWKSet> first = CompletableFuture.supplyAsync(() -> read(limit, 1_000));
		assertThat(this.refetchStarted.await(10, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<JWKSet> second = CompletableFuture.supplyAsync(() -> read(limit, 1_001));
		assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		this.issuerAnswers.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(this.passedOn).containsExactly(this.refetch, NO_REFRESH);
	}

	@Test
	void aTokenWaitsForAnotherOnesRefetchNoLongerThanTheWaitThenIsAnsweredUnavailable() throws Exception {
		UnknownKeyRefetchLimit<SecurityContext> limit = new UnknownKeyRefetchLimit<>(this.cache, 10_000, 50);
		this.issuerSlow = true;
		CompletableFuture<JWKSet> first = CompletableFuture.supplyAsync(() -> read(limit, 1_000));
		assertThat(this.refetchStarted.await(10, TimeUnit.SECONDS)).isTrue();

		assertThatThrownBy(() -> limit.getJWKSet(this.refetch, 1_001, null))
			.isInstanceOf(JWKSetUnavailableException.class);
		this.issuerAnswers.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
	}

	private UnknownKeyRefetchLimit<SecurityContext> limit(long intervalMillis) {
		return new UnknownKeyRefetchLimit<>(this.cache, intervalMillis, 10_000);
	}

	private JWKSet read(UnknownKeyRefetchLimit<SecurityContext> limit, long time) {
		try {
			return limit.getJWKSet(this.refetch, time, null);
		}
		catch (KeySourceException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void awaitIssuer() {
		try {
			this.issuerAnswers.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
