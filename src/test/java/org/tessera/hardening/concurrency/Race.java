package org.tessera.hardening.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.tessera.support.Http;

/**
 * Sends many requests at once, so that the server handles them concurrently, as races in
 * production would.
 */
final class Race {

	private Race() {
	}

	/**
	 * Sends all the requests at once from {@code threads} threads; the answers in the
	 * same order.
	 */
	static List<Http.Response> run(List<Callable<Http.Response>> requests, int threads) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Http.Response>> answers = new ArrayList<>();
		for (Callable<Http.Response> request : requests) {
			answers.add(pool.submit(() -> {
				start.await();
				return request.call();
			}));
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
		List<Http.Response> responses = new ArrayList<>();
		for (Future<Http.Response> answer : answers) {
			responses.add(answer.get());
		}
		return responses;
	}

}
