package org.tessera.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list answer, {@code {"items": [...], "nextPageToken": "..."}}; the token is
 * absent on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextPageToken) {

	/**
	 * Builds the page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, if
	 * any, only proves there is a next page and is dropped.
	 */
	public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, String> key,
			Function<R, T> view) {
		boolean more = rows.size() > request.pageSize();
		List<R> shown = more ? rows.subList(0, request.pageSize()) : rows;
		String next = more ? PageRequest.tokenFor(key.apply(shown.get(shown.size() - 1))) : null;
		return new Page<>(shown.stream().map(view).toList(), next);
	}

}
