package org.tessera.accountpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.policy.Effect;
import org.tessera.policy.Statement;

/**
 * The cache of effective statements: a policy change must win over a load that read the
 * policy before the change committed, however the two interleave, and the cache must
 * still cache.
 */
class StatementCacheTests {

	private static final PrincipalRef ALICE = PrincipalRef.user(new AccountId("100000000001"), "alice");

	private static final List<Statement> BEFORE = List
		.of(new Statement(Effect.ALLOW, List.of("vserver:*"), List.of("*")));

	private static final List<Statement> AFTER = List
		.of(new Statement(Effect.ALLOW, List.of("vserver:Get*"), List.of("*")));

	private final AtomicReference<List<Statement>> database = new AtomicReference<>(BEFORE);

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void aPolicyChangeCommittedWhileALoadIsUnderwayIsSeenByTheNextRead() throws Exception {
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		StatementCache cache = new StatementCache((principal) -> {
			List<Statement> seen = this.database.get();
			if (read.getCount() > 0) {
				read.countDown();
				awaitQuietly(release);
			}
			return seen;
		});
		CompletableFuture<List<Statement>> loading = CompletableFuture.supplyAsync(() -> cache.get(ALICE));
		assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();

		this.database.set(AFTER);
		cache.forgetAll();
		release.countDown();

		assertThat(loading.get(10, TimeUnit.SECONDS)).as("the read that began before the change").isEqualTo(BEFORE);
		assertThat(cache.get(ALICE)).as("a read after the change").isEqualTo(AFTER);
	}

	@Test
	void statementsAreLoadedOnceAndAgainOnlyAfterAChange() {
		StatementCache cache = new StatementCache(this::countedLoad);

		cache.get(ALICE);
		cache.get(ALICE);
		this.database.set(AFTER);
		cache.forgetAll();

		assertThat(cache.get(ALICE)).isEqualTo(AFTER);
		assertThat(cache.get(ALICE)).isEqualTo(AFTER);
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void forgettingOnePrincipalReloadsOnlyThatPrincipal() {
		PrincipalRef bob = PrincipalRef.user(ALICE.account(), "bob");
		StatementCache cache = new StatementCache(this::countedLoad);
		cache.get(ALICE);
		cache.get(bob);
		this.database.set(AFTER);

		cache.forget(ALICE);

		assertThat(cache.get(ALICE)).isEqualTo(AFTER);
		assertThat(cache.get(bob)).as("untouched principal keeps its entry").isEqualTo(BEFORE);
		assertThat(this.loads).hasValue(3);
	}

	private List<Statement> countedLoad(PrincipalRef principal) {
		this.loads.incrementAndGet();
		return this.database.get();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theCacheHoldsAtMostItsWeightInBytesHoweverLargeThePrincipalsStatements() {
		List<Statement> large = java.util.stream.IntStream.range(0, 50)
			.mapToObj((i) -> new Statement(Effect.ALLOW, List.of("vserver:GetServer"),
					java.util.stream.IntStream.range(0, 50)
						.mapToObj((j) -> "crn:vserver:1:server/" + i + "-" + j + "*x?y*z".repeat(60))
						.toList()))
			.toList();
		StatementCache cache = new StatementCache((principal) -> large);

		for (int i = 0; i < 2_000; i++) {
			cache.get(PrincipalRef.user(new AccountId("100000000001"), "user" + i));
		}

		assertThat(StatementCache.weight(large)).as("one entry weighs at least its patterns' characters")
			.isGreaterThan(50 * 50 * 360);
		assertThat(cache.weightedBytes()).isLessThanOrEqualTo(StatementCache.MAX_WEIGHT_BYTES);
		assertThat(StatementCache.weight(ManagedPolicies.find("IAMFullAccess").orElseThrow().statements()))
			.as("managed statements are shared, counted as references")
			.isLessThan(300);
	}

}
