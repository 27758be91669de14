package org.tessera.throttle;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * A wait that grows with consecutive failures of one key (a source with a login name):
 * the first {@code freeFailures} cost nothing, each further one makes the key wait one
 * second, then two, four, up to {@code maxDelay}. A success forgets the key, and so does
 * a day without failures. At most {@code maxKeys} are kept, the least used dropped first.
 */
public final class GrowingDelay {

	private static final Duration FORGET_AFTER = Duration.ofDays(1);

	private record Failures(int count, long waitUntil) {
	}

	private final int freeFailures;

	private final long maxDelayMillis;

	private final Clock clock;

	private final Cache<String, Failures> failures;

	private final Others others;

	private final Counter refusals = Counter.builder("tessera.throttle.refusals")
		.description("Requests refused by a source throttle, by budget")
		.tag("budget", "login name")
		.register(Metrics.globalRegistry);

	public GrowingDelay(int freeFailures, Duration maxDelay, int maxKeys, Clock clock) {
		this(freeFailures, maxDelay, maxKeys, clock, new Others() {

			@Override
			public void failed(String key) {
			}

			@Override
			public void succeeded(String key) {
			}

		});
	}

	/**
	 * A delay whose failures and successes are also told to {@code others} (the other
	 * nodes), which count them with {@link #failedElsewhere} and
	 * {@link #succeededElsewhere}.
	 */
	public GrowingDelay(int freeFailures, Duration maxDelay, int maxKeys, Clock clock, Others others) {
		this.others = others;
		this.freeFailures = Math.max(0, freeFailures);
		this.maxDelayMillis = maxDelay.toMillis();
		this.clock = clock;
		this.failures = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(FORGET_AFTER).build();
	}

	/**
	 * Whole seconds {@code key} must wait before its next attempt; 0 when it may try now.
	 */
	public long retryAfterSeconds(String key) {
		Failures known = this.failures.getIfPresent(key);
		if (known == null) {
			return 0;
		}
		long waitMillis = known.waitUntil() - this.clock.millis();
		if (waitMillis <= 0) {
			return 0;
		}
		this.refusals.increment();
		return (waitMillis + 999) / 1000;
	}

	public void failed(String key) {
		failedElsewhere(key);
		this.others.failed(key);
	}

	public void succeeded(String key) {
		succeededElsewhere(key);
		this.others.succeeded(key);
	}

	/** Counts a failure of {@code key} on another node. */
	public void failedElsewhere(String key) {
		long now = this.clock.millis();
		this.failures.asMap().merge(key, waitAfter(1, now), (old, first) -> waitAfter(old.count() + 1, now));
	}

	/** Forgets the failures of {@code key}, which succeeded on another node. */
	public void succeededElsewhere(String key) {
		this.failures.invalidate(key);
	}

	/** Where a delay's failures and successes are told, so other nodes count them too. */
	public interface Others {

		void failed(String key);

		void succeeded(String key);

	}

	private Failures waitAfter(int count, long now) {
		int beyondFree = count - this.freeFailures;
		if (beyondFree <= 0) {
			return new Failures(count, now);
		}
		long delay = (beyondFree > 40) ? this.maxDelayMillis : Math.min(this.maxDelayMillis, 1000L << (beyondFree - 1));
		return new Failures(count, now + delay);
	}

}
