package org.tessera.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback when wrk is not installed: one thread and one keep-alive connection per
 * connection asked for, every latency kept. It costs more CPU than wrk, so on a 2-core
 * machine its figures understate the server; the table says which driver ran.
 */
final class JavaDriver implements LoadDriver {

	@Override
	public String name() {
		return "java (wrk not installed)";
	}

	@Override
	public LoadResult run(LoadRequest request, int connections, Duration duration) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		AtomicLong errors = new AtomicLong();
		long end = System.nanoTime() + duration.toNanos();
		List<Future<long[]>> results = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			results.add(pool.submit(() -> {
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
					.method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(request.body()));
				request.headers().forEach(builder::header);
				HttpRequest built = builder.build();
				long[] latencies = new long[1 << 16];
				int count = 0;
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					HttpResponse<Void> response = client.send(built, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() >= 300) {
						errors.incrementAndGet();
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = System.nanoTime() - start;
				}
				return Arrays.copyOf(latencies, count);
			}));
		}
		List<long[]> all = new ArrayList<>();
		for (Future<long[]> result : results) {
			all.add(result.get());
		}
		pool.shutdown();
		long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		double seconds = duration.toNanos() / 1e9;
		return new LoadResult(merged.length / seconds, percentile(merged, 0.50), percentile(merged, 0.99),
				errors.get());
	}

	private static double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] / 1e6;
	}

}
