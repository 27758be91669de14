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
 * Walks a list endpoint page by page with its {@code pageToken}s, checks what the walk returned,
 * then times the first, a middle and the last page with one request at a time, as a console
 * or a script paging through a list would.
 */
final class ListPages {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String token;

	private final int requests;

	ListPages(String token, int requests) {
		this.token = token;
		this.requests = requests;
	}

	/** A list endpoint, the field that identifies an item, and how many items it must list. */
	record Endpoint(String name, String url, String keyField, long expected) {
	}

	/** What walking every page returned: pages, items, distinct items, pages short of pageSize before the last. */
	record Walk(Endpoint endpoint, int pageSize, List<String> pageTokens, int items, int distinct, int shortPages) {

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
			JsonNode page = Http.JSON.readTree(ok(url(endpoint, pageSize, next)).body());
			JsonNode pageItems = page.get("items");
			pageItems.forEach((item) -> keys.add(item.get(endpoint.keyField()).asString()));
			items += pageItems.size();
			next = page.has("nextPageToken") ? page.get("nextPageToken").asString() : null;
			if (next != null && pageItems.size() != size(pageSize)) {
				shortPages++;
			}
		}
		while (next != null);
		return new Walk(endpoint, size(pageSize), tokens, items, keys.size(), shortPages);
	}

	/** Times the first, the middle and the last page of a walk (fewer when the walk has fewer pages). */
	List<Timing> time(Walk walk, Integer pageSize) throws Exception {
		int pages = walk.pageTokens().size();
		Map<Integer, String> chosen = new LinkedHashMap<>();
		chosen.put(0, (pages == 1) ? "only page" : "first page");
		chosen.putIfAbsent(pages / 2, "page " + (pages / 2 + 1) + " of " + pages);
		chosen.putIfAbsent(pages - 1, "last page");
		List<Timing> timings = new ArrayList<>();
		for (Map.Entry<Integer, String> page : chosen.entrySet()) {
			timings.add(time(walk.endpoint(), pageSize, walk.pageTokens().get(page.getKey()), page.getValue()));
		}
		return timings;
	}

	private Timing time(Endpoint endpoint, Integer pageSize, String pageToken, String label) throws Exception {
		String url = url(endpoint, pageSize, pageToken);
		int items = Http.JSON.readTree(ok(url).body()).get("items").size();
		for (int i = 0; i < Math.max(10, this.requests / 10); i++) {
			get(url);
		}
		long[] nanos = new long[this.requests];
		long errors = 0;
		for (int i = 0; i < this.requests; i++) {
			long start = System.nanoTime();
			if (get(url).statusCode() != 200) {
				errors++;
			}
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return new Timing(endpoint, size(pageSize), label, items, millis(nanos, 0.50), millis(nanos, 0.99),
				nanos[nanos.length - 1] / 1e6, errors);
	}

	private HttpResponse<String> get(String url) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "application/json")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> ok(String url) throws Exception {
		HttpResponse<String> response = get(url);
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
