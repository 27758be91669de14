package org.tessera.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tessera.support.Http;
import org.tessera.web.PageRequest;

import tools.jackson.databind.JsonNode;

/**
 * Walks a list endpoint page by page with its {@code pageToken}s, checks what the walk
 * returned, then times the first, a middle and the last page with one request at a time,
 * as a console or a script paging through a list would. Before each timed request an
 * untimed write changes the table the list reads, as writes do in a live store: on an
 * idle database H2 answers a query repeated with the same parameters from the result it
 * kept, and the timing would show that cache instead of the query.
 */
final class ListPages {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int requests;

	ListPages(int requests) {
		this.requests = requests;
	}

	/**
	 * A change through the API that makes the list's table differ from one timed request
	 * to the next.
	 */
	@FunctionalInterface
	interface Write {

		Write NONE = () -> {
		};

		void run() throws Exception;

	}

	/**
	 * A list endpoint with the token that may read it, the field that identifies an item,
	 * how many items it must list, and the write to make between timed requests.
	 */
	record Endpoint(String name, String url, String token, String keyField, long expected, Write write) {
	}

	/**
	 * What walking every page returned: pages, items, distinct items, pages short of
	 * pageSize before the last; {@code requestedSize} is null for the default page size.
	 */
	record Walk(Endpoint endpoint, Integer requestedSize, List<String> pageTokens, int items, int distinct,
			int shortPages) {

		int pageSize() {
			return size(this.requestedSize);
		}

		boolean correct() {
			return this.items == this.endpoint.expected() && this.distinct == this.items && this.shortPages == 0;
		}

	}

	/** Milliseconds for one page, over the timed requests. */
	record Timing(Endpoint endpoint, int pageSize, String page, int items, double p50, double p99, double max,
			long errors) {
	}

	/** Follows nextPageToken from the first page to the last. */
	Walk walk(Endpoint endpoint, Integer pageSize) throws Exception {
		List<String> tokens = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		int items = 0;
		int shortPages = 0;
		String next = null;
		do {
			tokens.add(next);
			JsonNode page = Http.JSON.readTree(ok(endpoint, url(endpoint, pageSize, next)).body());
			JsonNode pageItems = page.get("items");
			pageItems.forEach((item) -> keys.add(item.get(endpoint.keyField()).asString()));
			items += pageItems.size();
			next = page.has("nextPageToken") ? page.get("nextPageToken").asString() : null;
			if (next != null && pageItems.size() != size(pageSize)) {
				shortPages++;
			}
		}
		while (next != null);
		return new Walk(endpoint, pageSize, tokens, items, keys.size(), shortPages);
	}

	/**
	 * Times the first, the middle and the last page of a walk (fewer when the walk has
	 * fewer pages).
	 */
	List<Timing> time(Walk walk) throws Exception {
		int pages = walk.pageTokens().size();
		Map<Integer, String> chosen = new LinkedHashMap<>();
		chosen.put(0, (pages == 1) ? "only page" : "first page");
		chosen.putIfAbsent(pages / 2, "page " + (pages / 2 + 1) + " of " + pages);
		chosen.putIfAbsent(pages - 1, "last page");
		List<Timing> timings = new ArrayList<>();
		for (Map.Entry<Integer, String> page : chosen.entrySet()) {
			timings.add(
					time(walk.endpoint(), walk.requestedSize(), walk.pageTokens().get(page.getKey()), page.getValue()));
		}
		return timings;
	}

	private Timing time(Endpoint endpoint, Integer pageSize, String pageToken, String label) throws Exception {
		String url = url(endpoint, pageSize, pageToken);
		int items = Http.JSON.readTree(ok(endpoint, url).body()).get("items").size();
		for (int i = 0; i < Math.max(10, this.requests / 10); i++) {
			endpoint.write().run();
			get(endpoint, url);
		}
		long[] nanos = new long[this.requests];
		long errors = 0;
		for (int i = 0; i < this.requests; i++) {
			endpoint.write().run();
			long start = System.nanoTime();
			if (get(endpoint, url).statusCode() != 200) {
				errors++;
			}
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return new Timing(endpoint, size(pageSize), label, items, millis(nanos, 0.50), millis(nanos, 0.99),
				nanos[nanos.length - 1] / 1e6, errors);
	}

	private HttpResponse<String> get(Endpoint endpoint, String url) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + endpoint.token())
			.header("Accept", "application/json")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> ok(Endpoint endpoint, String url) throws Exception {
		HttpResponse<String> response = get(endpoint, url);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
		}
		return response;
	}

	private static String url(Endpoint endpoint, Integer pageSize, String pageToken) {
		String url = endpoint.url() + "?";
		if (pageSize != null) {
			url += "pageSize=" + pageSize + "&";
		}
		if (pageToken != null) {
			url += "pageToken=" + pageToken;
		}
		return url;
	}

	private static int size(Integer pageSize) {
		return (pageSize != null) ? pageSize : PageRequest.DEFAULT_PAGE_SIZE;
	}

	private static double millis(long[] sorted, double fraction) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] / 1e6;
	}

}
