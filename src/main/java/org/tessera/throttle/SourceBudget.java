package org.tessera.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per source: {@code burst} spends at once, then one more each
 * {@code refill}. Only spending creates state, so a source that never fails costs one map
 * lookup and no allocation; a bucket that has refilled is forgotten, and at most
 * {@code maxSources} are kept (Caffeine drops the least used first), so a flood of
 * sources cannot exhaust memory. Nothing blocks across requests: each update is one
 * atomic compute of one map entry.
 */
public final class SourceBudget {

	private static final Logger LOG = LoggerFactory.getLogger(SourceBudget.class);

	/**
	 * When this source's bucket is full again, and until when its being refused is not
	 * logged again, in epoch milliseconds.
	 */
	private record Debt(long fullAt, long quietUntil) {
	}

	private final String name;

	private final long refillMillis;

	/** Debt beyond which one more spend would exceed the burst. */
	private final long limitMillis;

	private final Clock clock;

	private final Cache<String, Debt> debts;

	private final Consumer<String> others;

	private final Counter refusals;

	public SourceBudget(String name, int burst, Duration refill, int maxSources, Clock clock) {
		this(name, burst, refill, maxSources, clock, (source) -> {
		});
	}

	/**
	 * A budget whose spends are also told to {@code others} (the other nodes), which
	 * count them with {@link #spentElsewhere}.
	 */
	public SourceBudget(String name, int burst, Duration refill, int maxSources, Clock clock, Consumer<String> others) {
		this.others = others;
		this.refusals = Counter.builder("tessera.throttle.refusals")
			.description("Requests refused by a source throttle, by budget")
			.tag("budget", name)
			.register(Metrics.globalRegistry);
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

	/**
	 * Whole seconds {@code source} must wait before it may spend again; 0 when it may
	 * now.
	 */
	public long retryAfterSeconds(String source) {
		Debt debt = this.debts.getIfPresent(source);
		long seconds = (debt != null) ? retryAfterSeconds(debt, this.clock.millis()) : 0;
		if (seconds > 0) {
			this.refusals.increment();
		}
		return seconds;
	}

	/**
	 * Spends one from the bucket of {@code source}, even when it is empty (the caller has
	 * checked). The spend that empties it is logged, then nothing more until the bucket
	 * could have refilled, so a source that keeps failing writes one line per burst, not
	 * one per failure.
	 */
	public void spend(String source) {
		spentElsewhere(source);
		this.others.accept(source);
	}

	/** Counts a spend another node made for {@code source}. */
	public void spentElsewhere(String source) {
		long now = this.clock.millis();
		boolean[] emptied = new boolean[1];
		Debt after = this.debts.asMap().compute(source, (key, old) -> {
			long fullAt = ((old != null) ? Math.max(old.fullAt(), now) : now) + this.refillMillis;
			long quietUntil = (old != null) ? old.quietUntil() : 0;
			if (fullAt - now > this.limitMillis && now >= quietUntil) {
				emptied[0] = true;
				quietUntil = fullAt;
			}
			return new Debt(fullAt, quietUntil);
		});
		if (emptied[0]) {
			LOG.info("{}: source {} has used its budget; refused for {} s", this.name, source,
					retryAfterSeconds(after, now));
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
