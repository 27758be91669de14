package org.tessera.console;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the console calls an API with the token of its session, over HTTP as any client
 * would, so that every page is allowed exactly what the API allows that token and nothing
 * more. A refusal becomes an {@link ApiRefusal} carrying the API's own message (its
 * problem {@code detail}); a body is read as JSON maps, which the pages show as they
 * come.
 */
abstract class ApiClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final JsonMapper json;

	ApiClient(String baseUrl, JsonMapper json) {
		this.http = RestClient.builder().baseUrl(baseUrl).build();
		this.json = json;
	}

	Map<String, Object> get(ConsoleSession me, String path, Object... variables) {
		return call(me, HttpMethod.GET, null, path, variables);
	}

	/** Every item of a list, following its pages. */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> list(ConsoleSession me, String path, Object... variables) {
		Map<String, Object> page = get(me, path, variables);
		return (List<Map<String, Object>>) page.getOrDefault("items", List.of());
	}

	Map<String, Object> post(ConsoleSession me, @Nullable Object body, String path, Object... variables) {
		return call(me, HttpMethod.POST, body, path, variables);
	}

	Map<String, Object> put(ConsoleSession me, @Nullable Object body, String path, Object... variables) {
		return call(me, HttpMethod.PUT, body, path, variables);
	}

	Map<String, Object> patch(ConsoleSession me, Object body, String path, Object... variables) {
		return call(me, HttpMethod.PATCH, body, path, variables);
	}

	void delete(ConsoleSession me, String path, Object... variables) {
		call(me, HttpMethod.DELETE, null, path, variables);
	}

	private Map<String, Object> call(ConsoleSession me, HttpMethod method, @Nullable Object body, String path,
			Object... variables) {
		RestClient.RequestBodySpec request = this.http.method(method)
			.uri(path, variables)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + me.accessToken())
			.accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		try {
			Map<String, Object> answer = request.retrieve().onStatus(HttpStatusCode::isError, (sent, response) -> {
				throw refusal(response.getStatusCode().value(), readProblem(response));
			}).body(JSON_OBJECT);
			return (answer != null) ? answer : Map.of();
		}
		catch (RestClientException ex) {
			throw new ApiRefusal(502, unreachable());
		}
	}

	/** What a person is told when the API does not answer. */
	abstract String unreachable();

	private Map<?, ?> readProblem(ClientHttpResponse response) {
		try {
			return this.json.readValue(response.getBody(), Map.class);
		}
		catch (RuntimeException | IOException ex) {
			return Map.of();
		}
	}

	private static ApiRefusal refusal(int status, Map<?, ?> problem) {
		Object detail = problem.get("detail");
		String message = (detail instanceof String text && !text.isBlank()) ? text : (status == 401)
				? "Your sign-in has ended; sign in again." : "The request was refused (" + status + ").";
		Object field = problem.get("field");
		return new ApiRefusal(status, message, (field instanceof String name) ? name : null);
	}

}
