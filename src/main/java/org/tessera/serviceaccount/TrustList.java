package org.tessera.serviceaccount;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tessera.account.AccountId;
import org.tessera.iam.InvalidRequestException;

/**
 * Reads a trust list as the API takes it: each item an account id (plain trust, as before
 * conditions existed) or an object {@code {"account", "externalId", "principals",
 * "maxSessionDuration"}}. Every malformed part is a 400 naming its field.
 */
final class TrustList {

	/** Most accounts one service account may trust. */
	static final int MAX_ENTRIES = 50;

	/** Most principal patterns one entry may name. */
	static final int MAX_PRINCIPALS = 20;

	private static final int MAX_PATTERN_LENGTH = 300;

	/** As AWS's {@code sts:ExternalId}: 2 to 1224 of these characters. */
	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

	private static final Set<String> KEYS = Set.of("account", "externalId", "principals", "maxSessionDuration");

	/** The shortest {@code maxSessionDuration}: a minute. */
	static final Duration SHORTEST_SESSION = Duration.ofMinutes(1);

	private TrustList() {
	}

	static List<TrustEntry> read(String field, @Nullable List<?> items) {
		if (items == null) {
			return List.of();
		}
		if (items.size() > MAX_ENTRIES) {
			throw new InvalidRequestException(field, "at most " + MAX_ENTRIES + " accounts");
		}
		Map<AccountId, TrustEntry> entries = new LinkedHashMap<>();
		for (int i = 0; i < items.size(); i++) {
			TrustEntry entry = entry(field + "[" + i + "]", items.get(i));
			if (entries.containsKey(entry.account())
					&& (entry.conditional() || entries.get(entry.account()).conditional())) {
				throw new InvalidRequestException(field + "[" + i + "]", "names an account already in the list");
			}
			entries.putIfAbsent(entry.account(), entry);
		}
		return List.copyOf(entries.values());
	}

	private static TrustEntry entry(String field, @Nullable Object item) {
		if (item instanceof String account) {
			return TrustEntry.of(account(field, account));
		}
		if (!(item instanceof Map<?, ?> object)) {
			throw new InvalidRequestException(field, "must be an account id or an object with \"account\"");
		}
		for (Object key : object.keySet()) {
			if (!KEYS.contains(key)) {
				throw new InvalidRequestException(field + "." + key, "is not a field of a trust entry");
			}
		}
		AccountId account = account(field + ".account", object.get("account"));
		return new TrustEntry(account, externalId(field + ".externalId", object.get("externalId")),
				principals(field + ".principals", object.get("principals"), account),
				maxSessionDuration(field + ".maxSessionDuration", object.get("maxSessionDuration")));
	}

	private static AccountId account(String field, @Nullable Object value) {
		if (!(value instanceof String text) || !AccountId.isValid(text)) {
			throw new InvalidRequestException(field, "must be an account id (digits)");
		}
		return new AccountId(text);
	}

	private static @Nullable String externalId(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text) || !EXTERNAL_ID.matcher(text).matches()) {
			throw new InvalidRequestException(field, "must be 2 to 1224 letters, digits or +=,.@:/-_");
		}
		return text;
	}

	/** Patterns of the trusted account's users and service accounts only. */
	private static List<String> principals(String field, @Nullable Object value, AccountId account) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_PRINCIPALS) {
			throw new InvalidRequestException(field, "must be a list of 1 to " + MAX_PRINCIPALS + " CRN patterns");
		}
		String prefix = "crn:iam:" + account.value() + ":";
		List<String> patterns = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof String pattern) || pattern.length() > MAX_PATTERN_LENGTH
					|| !pattern.startsWith(prefix) || pattern.indexOf('\n') >= 0
					|| !(pattern.startsWith(prefix + "user/") || pattern.startsWith(prefix + "service-account/"))) {
				throw new InvalidRequestException(field + "[" + i + "]",
						"must be a user or service-account CRN pattern of account " + account.value() + ", e.g. "
								+ prefix + "user/*");
			}
			patterns.add(pattern);
		}
		return List.copyOf(patterns);
	}

	/** Whole seconds, from a minute to twelve hours. */
	static @Nullable Duration maxSessionDuration(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Integer || value instanceof Long)) {
			throw new InvalidRequestException(field, "must be whole seconds");
		}
		long seconds = ((Number) value).longValue();
		if (seconds < SHORTEST_SESSION.toSeconds()
				|| seconds > ServiceAccount.LONGEST_MAX_SESSION_DURATION.toSeconds()) {
			throw new InvalidRequestException(field, "must be from " + SHORTEST_SESSION.toSeconds() + " to "
					+ ServiceAccount.LONGEST_MAX_SESSION_DURATION.toSeconds() + " seconds");
		}
		return Duration.ofSeconds(seconds);
	}

}
