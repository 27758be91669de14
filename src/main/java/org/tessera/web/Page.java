package org.tessera.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list answer, {@code {"items": [...], "nextPageToken": "..."}}; the token
 * is absent on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextPageToken) {

	/**
	 * Builds the page from rows fetched with {@link PageRequest#fetchSize()}: the extra
	 * row, if any, only proves there is a next page and is dropped.
	 */
	public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, String> key, Function<R, T> view) {
		boolean more = rows.size() > request.pageSize();
		List<R> shown = more ? rows.subList(0, request.pageSize()) : rows;
		String next = more ? PageRequest.tokenFor(key.apply(shown.get(shown.size() - 1))) : null;
		return new Page<>(shown.stream().map(view).toList(), next);
	}

	/**
	 * One page of a short list read whole (a service account's few secrets or keys), in
	 * the order of {@code key}, as {@link #of} pages rows the database sorted.
	 */
	public static <R, T> Page<T> ofAll(List<R> all, PageRequest request, Function<R, String> key, Function<R, T> view) {
		List<R> rows = all.stream()
			.filter((row) -> key.apply(row).compareTo(request.after()) > 0)
			.sorted(Comparator.comparing(key))
			.limit(request.fetchSize())
			.toList();
		return of(rows, request, key, view);
	}

	/**
	 * A sort key ordering by time, then id: the instant in fixed-width digits, so text
	 * order is time order.
	 */
	public static String timeOrderedKey(Instant time, String id) {
		return String.format("%020d%09d/%s", time.getEpochSecond(), time.getNano(), id);
	}

}
