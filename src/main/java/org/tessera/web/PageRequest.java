package org.tessera.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.tessera.iam.InvalidRequestException;

/**
 * {@code pageSize} and {@code pageToken} of a list call, validated. Pages are keyset
 * pages: the opaque token encodes the sort key of the last item shown, so a page costs
 * one index range scan however deep the caller has paged.
 *
 * @param pageSize items per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param after the sort key to continue after; empty for the first page
 */
public record PageRequest(int pageSize, String after) {

	public static final int DEFAULT_PAGE_SIZE = 50;

	public static final int MAX_PAGE_SIZE = 1000;

	/**
	 * Longer than any token this server gives out (a sort key is at most a few hundred
	 * bytes).
	 */
	private static final int MAX_PAGE_TOKEN_LENGTH = 1024;

	/** Reads the two query parameters, either of which may be absent. */
	public static PageRequest of(Integer pageSize, String pageToken) {
		int size = (pageSize != null) ? pageSize : DEFAULT_PAGE_SIZE;
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (pageToken == null || pageToken.isEmpty()) {
			return new PageRequest(size, "");
		}
		if (pageToken.length() > MAX_PAGE_TOKEN_LENGTH) {
			throw new InvalidRequestException("pageToken", "is not a token this server gave out");
		}
		try {
			return new PageRequest(size, new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("pageToken", "is not a token this server gave out");
		}
	}

	/** Rows to fetch: one more than shown, to learn whether a next page exists. */
	public int fetchSize() {
		return this.pageSize + 1;
	}

	static String tokenFor(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

}
