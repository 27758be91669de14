package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tessera.support.Http;

import tools.jackson.databind.JsonNode;

/**
 * Small steps shared by the IAM integration tests: reading RFC 9457 refusals and walking
 * paged lists the way a client of the management API does.
 */
final class Iam {

	static final String V1 = "/iam/v1/accounts/";

	private Iam() {
	}

	static String path(String account, String rest) {
		return V1 + account + rest;
	}

	/**
	 * Asserts the answer is an RFC 9457 problem with this status and returns its body.
	 * Every refusal of the management API looks like this, never a 5xx, an HTML page or
	 * an empty body.
	 */
	static JsonNode problem(Http.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as("content type of " + response).startsWith("application/problem+json");
		assertThat(response.contentType().toLowerCase(Locale.ROOT).replace(" ", ""))
			.as("a charset, if named, is UTF-8: " + response)
			.matches("application/problem\\+json(;charset=utf-8)?");
		JsonNode body = response.json();
		assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(body.path("detail").asString("")).as(response.toString()).isNotBlank();
		return body;
	}

	/** A 400 problem naming {@code field}. */
	static JsonNode badRequest(Http.Response response, String field) {
		JsonNode body = problem(response, 400);
		assertThat(body.path("field").asString(null)).as(response.toString()).isEqualTo(field);
		return body;
	}

	/** A 403 problem naming the refused action and resource. */
	static JsonNode forbidden(Http.Response response, String action, String resource) {
		JsonNode body = problem(response, 403);
		assertThat(body.path("action").asString(null)).as(response.toString()).isEqualTo(action);
		assertThat(body.path("resource").asString(null)).as(response.toString()).isEqualTo(resource);
		return body;
	}

	/** Every item of a list, following {@code nextPageToken} until the last page. */
	static List<JsonNode> all(Http http, String path, String token, int pageSize) {
		List<JsonNode> items = new ArrayList<>();
		String pageToken = null;
		for (int page = 0; page < 1000; page++) {
			String url = path + (path.contains("?") ? "&" : "?") + "pageSize=" + pageSize
					+ ((pageToken != null) ? "&pageToken=" + pageToken : "");
			Http.Response response = http.get(url, token);
			assertThat(response.status()).as(url + " -> " + response).isEqualTo(200);
			JsonNode body = response.json();
			assertThat(body.get("items").size()).as(url).isLessThanOrEqualTo(pageSize);
			body.get("items").forEach(items::add);
			JsonNode next = body.get("nextPageToken");
			if (next == null || next.isNull()) {
				return items;
			}
			assertThat(next.asString()).as("a next page token is a non-empty string").isNotEmpty();
			pageToken = next.asString();
		}
		throw new AssertionError("the list of " + path + " never ended");
	}

	/** The values of one field of every item of a single (default-size) page. */
	static List<String> names(Http http, String path, String token, String field) {
		Http.Response response = http.get(path, token);
		assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
		List<String> values = new ArrayList<>();
		response.json().get("items").forEach((item) -> values.add(item.get(field).asString()));
		return values;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	static Map<String, Object> statement(String effect, List<String> actions, List<String> resources) {
		return Map.of("effect", effect, "actions", actions, "resources", resources);
	}

}
