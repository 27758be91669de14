package org.tessera.vserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;

class UnknownKeyRefetchLimitTests {

	private final List<JWKSetCacheRefreshEvaluator> passedOn = new ArrayList<>();

	private final JWKSetSource<SecurityContext> cache = new JWKSetSource<>() {

		@Override
		public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context) {
			UnknownKeyRefetchLimitTests.this.passedOn.add(evaluator);
			return new JWKSet();
		}

		@Override
		public void close() {
		}

	};

	private final UnknownKeyRefetchLimit<SecurityContext> limit = new UnknownKeyRefetchLimit<>(this.cache, 10_000);

	private final JWKSetCacheRefreshEvaluator refetch = JWKSetCacheRefreshEvaluator.referenceComparison(new JWKSet());

	@Test
	void aRefetchIsPassedOnOncePerIntervalAndAnyOtherBecomesAPlainRead() throws Exception {
		this.limit.getJWKSet(this.refetch, 1_000, null);
		this.limit.getJWKSet(this.refetch, 1_001, null);
		this.limit.getJWKSet(this.refetch, 10_999, null);
		this.limit.getJWKSet(this.refetch, 11_000, null);

		assertThat(this.passedOn).containsExactly(this.refetch, JWKSetCacheRefreshEvaluator.noRefresh(),
				JWKSetCacheRefreshEvaluator.noRefresh(), this.refetch);
	}

	@Test
	void plainReadsNeitherWaitForNorSpendTheRefetchBudget() throws Exception {
		for (long time = 0; time < 5; time++) {
			this.limit.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), time, null);
		}
		this.limit.getJWKSet(this.refetch, 5, null);

		assertThat(this.passedOn).hasSize(6).last().isSameAs(this.refetch);
	}

}
