package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tessera.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The group-committed audit log: events recorded at the same moment share a journal
 * write, and an event the log cannot store fails alone; the others are written, and
 * readable once their callers return. An event is committed on its own even inside a
 * caller's transaction.
 */
class AuditLogTests extends IntegrationTest {

	@Autowired
	private AuditLog audit;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void anEventRecordedInsideATransactionIsCommittedOnItsOwnAndSurvivesTheRollback() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		TransactionTemplate rolledBack = new TransactionTemplate(this.transactionManager);

		rolledBack.executeWithoutResult((status) -> {
			this.audit.record(new AuditEvent(0, Instant.now(), "OwnTransactionTest", AuditEvent.ALLOWED,
					"inside-a-transaction", null, account, List.of(), null, account, null));
			status.setRollbackOnly();
		});

		assertThat(reasons(account, root)).containsExactly("inside-a-transaction");
	}

	@Test
	void anEventTheLogCannotStoreFailsAloneWhileTheOthersAreWritten() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		int writers = 16;
		CyclicBarrier together = new CyclicBarrier(writers);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<?>> results = new ArrayList<>();
		try {
			for (int i = 0; i < writers; i++) {
				// event_type is VARCHAR(64): writer 0's event cannot be stored
				String type = (i == 0) ? "T".repeat(65) : "GroupCommitTest";
				String reason = "writer-" + i;
				results.add(pool.submit(() -> {
					together.await();
					this.audit.record(new AuditEvent(0, Instant.now(), type, AuditEvent.ALLOWED, reason, null, account,
							List.of(), null, account, null));
					return null;
				}));
			}
			assertThatThrownBy(() -> results.get(0).get()).hasCauseInstanceOf(IllegalArgumentException.class);
			for (int i = 1; i < writers; i++) {
				results.get(i).get();
			}
		}
		finally {
			pool.shutdown();
		}

		List<String> reasons = reasons(account, root);
		assertThat(reasons).hasSize(writers - 1).doesNotContain("writer-0");
		for (int i = 1; i < writers; i++) {
			assertThat(reasons).contains("writer-" + i);
		}
	}

	@Test
	void anInterruptedCallersEventIsWrittenAndTheLogKeepsWorking() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);

		Thread.currentThread().interrupt();
		this.audit.record(new AuditEvent(0, Instant.now(), "InterruptTest", AuditEvent.ALLOWED, "while-interrupted",
				null, account, List.of(), null, account, null));
		assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
		this.audit.record(new AuditEvent(0, Instant.now(), "InterruptTest", AuditEvent.ALLOWED, "after", null, account,
				List.of(), null, account, null));

		assertThat(reasons(account, root)).containsExactly("while-interrupted", "after");
	}

	/**
	 * The reasons of the account's audit events, oldest first, as its root user reads
	 * them.
	 */
	private List<String> reasons(String account, String root) {
		JsonNode events = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/audit-events?pageSize=1000", root)
			.json()
			.get("items");
		List<String> reasons = new ArrayList<>();
		events.forEach((event) -> reasons.add(event.get("reason").asString()));
		return reasons;
	}

}
