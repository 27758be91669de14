package org.tessera.hardening.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * Issue 6 point 6: writes to one service account are serialised (each change holds the
 * row lock and bumps the version, its ETag), so 32 concurrent writers lose nothing
 * silently, and a writer that sends If-Match with a stale ETag is refused with 412.
 */
class ConcurrentWriteTests extends IntegrationTest {

	private static final int WRITERS = 32;

	private static final int POLICIES = 20;

	@Test
	void thirtyTwoConcurrentWritersAreAppliedOneAfterAnotherAndTheLastAcknowledgedWriteWins() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "contended", List.of(),
				List.of());
		String base = "/iam/v1/accounts/" + account + "/service-accounts/" + sa.id();
		for (int i = 0; i < POLICIES; i++) {
			this.tessera.createPolicy(account, root, "P" + i, "Allow", List.of("vserver:GetServer"), List.of("*"));
		}

		ConcurrentLinkedQueue<Http.Response> responses = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		for (int i = 0; i < WRITERS; i++) {
			int writer = i;
			pool.submit(() -> {
				Http http = new Http(issuer());
				start.await();
				responses.add(http.put(base + "/trust", root,
						Map.of("accounts", List.of(Long.toString(100_000_000_000L + writer)))));
				responses.add(http.patch(base, root, Map.of("description", "writer " + writer)));
				if (writer < POLICIES) {
					responses.add(http.put(base + "/policies/P" + writer, root, ""));
					if (writer % 2 == 1) {
						responses.add(http.delete(base + "/policies/P" + writer, root));
					}
				}
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

		assertThat(responses).allSatisfy((r) -> assertThat(r.status()).as(r.toString()).isBetween(200, 204));
		List<String> etags = responses.stream().map((r) -> r.header("ETag")).toList();
		assertThat(new HashSet<>(etags)).as("every change got a version of its own").hasSize(etags.size());
		Http.Response last = responses.stream()
			.filter((r) -> !r.body().isEmpty())
			.max(Comparator.comparingLong(ConcurrentWriteTests::version))
			.orElseThrow();
		JsonNode finalState = this.tessera.http().get(base, root).json();
		assertThat(finalState.get("trustedAccounts")).isEqualTo(last.json().get("trustedAccounts"));
		assertThat(finalState.get("description")).isEqualTo(last.json().get("description"));
		Set<String> expectedPolicies = new HashSet<>();
		for (int i = 0; i < POLICIES; i += 2) {
			expectedPolicies.add("P" + i);
		}
		List<String> policies = new ArrayList<>();
		finalState.get("policies").forEach((p) -> policies.add(p.asString()));
		assertThat(policies).containsExactlyInAnyOrderElementsOf(expectedPolicies);
		assertThat(version(this.tessera.http().get(base, root)))
			.isEqualTo(etags.stream().mapToLong((e) -> Long.parseLong(e.replaceAll("[^0-9]", ""))).max().orElseThrow());
	}

	@Test
	void aChangeSentWithAStaleETagIsRefusedAndChangesNothing() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "guarded", List.of(),
				List.of());
		String base = "/iam/v1/accounts/" + account + "/service-accounts/" + sa.id();
		String seen = this.tessera.http().get(base, root).header("ETag");

		Http.Response first = send(base, root, seen, "first");
		Http.Response stale = send(base, root, seen, "second");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("ETag")).isNotEqualTo(seen);
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.contentType()).contains("application/problem+json");
		assertThat(this.tessera.http().get(base, root).json().get("description").asString()).isEqualTo("first");
		assertThat(send(base, root, first.header("ETag"), "third").status()).isEqualTo(200);
	}

	private Http.Response send(String path, String token, String ifMatch, String description) {
		try {
			java.net.http.HttpResponse<String> response = HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer() + path))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.header("If-Match", ifMatch)
					.method("PATCH",
							java.net.http.HttpRequest.BodyPublishers
								.ofString("{\"description\":\"" + description + "\"}"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			return new Http.Response(response.statusCode(), response.headers(), response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long version(Http.Response response) {
		return Long.parseLong(response.header("ETag").replaceAll("[^0-9]", ""));
	}

}
