package org.tessera.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import tools.jackson.databind.JsonNode;

/**
 * Every secret, password and token the test suite sent or received through {@link Http},
 * so that the scan after each test class can check that none of them reached a log line.
 */
public final class SecretsSeen {

	private static final Set<String> SECRET_FIELDS = Set.of("access_token", "id_token", "refresh_token", "clientSecret",
			"privateKeyPem", "password", "client_secret", "client_assertion", "actor_token", "token", "secretAccessKey",
			"signingKey");

	private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

	private static final ConcurrentLinkedQueue<String> IN_ORDER = new ConcurrentLinkedQueue<>();

	private SecretsSeen() {
	}

	/**
	 * Every secret seen so far, in the order first seen: a later call's list starts with
	 * an earlier call's.
	 */
	public static List<String> inOrderSeen() {
		return List.copyOf(IN_ORDER);
	}

	static void add(String value) {
		if (value != null && value.length() >= 8 && VALUES.add(value)) {
			IN_ORDER.add(value);
		}
	}

	/** Records the values of secret-named fields of a form or JSON object. */
	static void fromFields(Map<?, ?> fields) {
		fields.forEach((key, value) -> {
			if (SECRET_FIELDS.contains(String.valueOf(key)) && value instanceof String text) {
				add(text);
			}
		});
	}

	/** Records the values of secret-named fields anywhere in a JSON document. */
	static void fromJson(JsonNode node) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (SECRET_FIELDS.contains(entry.getKey()) && entry.getValue().isString()) {
					add(entry.getValue().asString());
				}
				fromJson(entry.getValue());
			});
		}
		else if (node.isArray()) {
			node.forEach(SecretsSeen::fromJson);
		}
	}

}
