package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/**
 * The numbers behind the throttles: bursts, refills, doubling waits and Retry-After
 * seconds.
 */
class BudgetArithmeticTests {

	private final SettableClock clock = new SettableClock();

	@Test
	void aSourceSpendsItsBurstThenOneMorePerRefillAndOtherSourcesAreUntouched() {
		SourceBudget budget = new SourceBudget("test", 3, Duration.ofSeconds(2), 100, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(budget.retryAfterSeconds("a")).isZero();
			budget.spend("a");
		}

		assertThat(budget.retryAfterSeconds("a")).isEqualTo(2);
		assertThat(budget.retryAfterSeconds("b")).isZero();
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(budget.retryAfterSeconds("a")).as("rounded up to whole seconds").isEqualTo(1);
		this.clock.advance(Duration.ofMillis(500));
		assertThat(budget.retryAfterSeconds("a")).isZero();
		budget.spend("a");
		assertThat(budget.retryAfterSeconds("a")).isEqualTo(2);
	}

	@Test
	void aNameWaitsOneTwoFourSecondsAfterItsFreeFailuresUpToTheCapAndASuccessForgetsIt() {
		GrowingDelay delay = new GrowingDelay(2, Duration.ofSeconds(5), 100, this.clock);
		delay.failed("k");
		delay.failed("k");
		assertThat(delay.retryAfterSeconds("k")).isZero();

		long[] waits = new long[5];
		for (int i = 0; i < waits.length; i++) {
			delay.failed("k");
			waits[i] = delay.retryAfterSeconds("k");
			this.clock.advance(Duration.ofSeconds(waits[i]));
		}

		assertThat(waits).containsExactly(1, 2, 4, 5, 5);
		delay.succeeded("k");
		delay.failed("k");
		assertThat(delay.retryAfterSeconds("k")).isZero();
	}

	/** A clock the test moves by hand. */
	private static final class SettableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
