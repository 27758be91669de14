package org.tessera.throttle;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per source: {@code burst} spends at once, then one more each {@code refill}.
 * Only spending creates state, so a source that never fails costs one map lookup and no
 * allocation; a bucket that has refilled is forgotten, and at most {@code maxSources} are kept
 * (Caffeine drops the least used first), so a flood of sources cannot exhaust memory. Nothing
 * blocks across requests: each update is one atomic compute of one map entry.
 */
public final class SourceBudget {

	private static final Logger LOG = LoggerFactory.getLogger(SourceBudget.class);

	/** When this source's bucket is full again, in epoch milliseconds. */
	private record Debt(long fullAt) {
	}

	private final String name;

	private final long refillMillis;

	/** Debt beyond which one more spend would exceed the burst. */
	private final long limitMillis;

	private final Clock clock;

	private final Cache<String, Debt> debts;

	public SourceBudget(String name, int burst, Duration refill, int maxSources, Clock clock) {
		if (burst < 1 || refill.isNegative() || refill.isZero()) {
			throw new IllegalArgumentException(name + ": the burst must be at least 1 and the refill positive");
		}
		this.name = name;
		this.refillMillis = refill.toMillis();
		this.limitMillis = (burst - 1) * this.refillMillis;
		this.clock = clock;
		this.debts = Caffeine.newBuilder().maximumSize(maxSources).expireAfter(new Expiry<String, Debt>() {

			@Override
			public long expireAfterCreate(String key, Debt debt, long currentTime) {
				return untilFull(debt);
			}

			@Override
			public long expireAfterUpdate(String key, Debt debt, long currentTime, long currentDuration) {
				return untilFull(debt);
			}

			@Override
			public long expireAfterRead(String key, Debt debt, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	/** Whole seconds {@code source} must wait before it may spend again; 0 when it may now. */
	public long retryAfterSeconds(String source) {
		Debt debt = this.debts.getIfPresent(source);
		return (debt != null) ? retryAfterSeconds(debt, this.clock.millis()) : 0;
	}

	/** Spends one from the bucket of {@code source}, even when it is empty (the caller has checked). */
	public void spend(String source) {
		long now = this.clock.millis();
		Debt after = this.debts.asMap()
			.merge(source, new Debt(now + this.refillMillis),
					(old, first) -> new Debt(Math.max(old.fullAt(), now) + this.refillMillis));
		long wait = retryAfterSeconds(after, now);
		// the spend that empties the bucket, not every later one: logged once per block
		if (wait > 0 && after.fullAt() - now - this.limitMillis <= this.refillMillis) {
			LOG.info("{}: source {} has used its budget; refused for {} s", this.name, source, wait);
		}
	}

	private long retryAfterSeconds(Debt debt, long now) {
		long overMillis = debt.fullAt() - now - this.limitMillis;
		return (overMillis <= 0) ? 0 : (overMillis + 999) / 1000;
	}

	private long untilFull(Debt debt) {
		return Duration.ofMillis(Math.max(1, debt.fullAt() - this.clock.millis())).toNanos();
	}

}
