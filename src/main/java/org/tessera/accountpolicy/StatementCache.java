package org.tessera.accountpolicy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.tessera.access.PrincipalRef;
import org.tessera.policy.Statement;

/**
 * Effective statements per principal, read for every token and every management call. A
 * change to one principal's attachments drops its entry ({@link Cache#invalidate} waits
 * for a load of that key under way); a change to a policy, which may be attached to
 * anyone, starts a new generation instead of clearing the cache, because Caffeine's
 * {@code invalidateAll} misses a load under way and would let it store what it read
 * before the change. Each entry remembers the generation it was loaded under (read before
 * the database), and an entry of an older generation is loaded again.
 *
 * <p>
 * The cache is bounded by weight, not by count: at most {@value #MAX_WEIGHT_BYTES} bytes
 * by an estimate that errs on the large side (an entry's own {@value #ENTRY_BYTES} bytes,
 * and each statement's {@link Statement#footprint()}, or a reference's 8 bytes for the
 * managed policies' statements, which are in memory anyway). With a principal's
 * statements bounded by {@code PermsLimits}, that is some 200 of the largest principals,
 * or 100,000 principals holding managed policies only.
 */
final class StatementCache {

	/**
	 * The most bytes the cached statements may take, by the estimate of {@link #weight}.
	 */
	static final long MAX_WEIGHT_BYTES = 32L * 1024 * 1024;

	/**
	 * What an entry takes besides its statements: key, record, list and the cache's own
	 * node.
	 */
	static final int ENTRY_BYTES = 256;

	private final Cache<PrincipalRef, Loaded> entries = CaffeineCacheMetrics.monitor(Metrics.globalRegistry,
			Caffeine.newBuilder()
				.maximumWeight(MAX_WEIGHT_BYTES)
				.weigher((PrincipalRef principal, Loaded loaded) -> weight(loaded.statements()))
				.expireAfterWrite(Duration.ofMinutes(10))
				.recordStats()
				.<PrincipalRef, Loaded>build(),
			"statements");

	private final AtomicLong generation = new AtomicLong();

	private final Function<PrincipalRef, List<Statement>> loader;

	StatementCache(Function<PrincipalRef, List<Statement>> loader) {
		this.loader = loader;
	}

	private record Loaded(long generation, List<Statement> statements) {
	}

	List<Statement> get(PrincipalRef principal) {
		long current = this.generation.get();
		Loaded loaded = this.entries.get(principal, this::load);
		if (loaded.generation() < current) {
			loaded = this.entries.asMap()
				.compute(principal, (key, cached) -> isFrom(cached, current) ? cached : load(key));
		}
		return loaded.statements();
	}

	/** Drops one principal's entry, after a change to its attachments has committed. */
	void forget(PrincipalRef principal) {
		this.entries.invalidate(principal);
	}

	/** Makes every entry stale, after a change to a policy has committed. */
	void forgetAll() {
		this.generation.incrementAndGet();
	}

	private Loaded load(PrincipalRef principal) {
		long before = this.generation.get();
		return new Loaded(before, this.loader.apply(principal));
	}

	/**
	 * What the cached entries weigh together, in estimated bytes, once pending evictions
	 * are done.
	 */
	long weightedBytes() {
		this.entries.cleanUp();
		return this.entries.policy().eviction().orElseThrow().weightedSize().orElse(0);
	}

	/** The estimated bytes of an entry holding these statements. */
	static int weight(List<Statement> statements) {
		long bytes = ENTRY_BYTES;
		for (Statement statement : statements) {
			bytes += ManagedPolicies.isManagedStatement(statement) ? 8 : statement.footprint();
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	private static boolean isFrom(@Nullable Loaded cached, long generation) {
		return cached != null && cached.generation() >= generation;
	}

}
