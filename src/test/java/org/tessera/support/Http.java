package org.tessera.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that talk to a running server as any user would: JSON in
 * and out, form posts, bearer and basic authentication, cookies kept, redirects never
 * followed. Every secret it sends or receives is noted in {@link SecretsSeen} for the log
 * scan.
 */
public final class Http {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient client;

	public Http(String base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public String base() {
		return this.base;
	}

	/** An answer: status, headers and body, with the body readable as JSON. */
	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	public Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE().build());
	}

	public Response post(String path, String token, Object body) {
		return send(json(request(path, token), "POST", body));
	}

	public Response put(String path, String token, Object body) {
		return send(json(request(path, token), "PUT", body));
	}

	public Response patch(String path, String token, Object body) {
		return send(json(request(path, token), "PATCH", body));
	}

	/** Posts raw text with the given content type. */
	public Response postRaw(String path, String token, String contentType, String body) {
		return send(request(path, token).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Sends {@code method} with exactly these headers (name, value, ...) and the body,
	 * none when null.
	 */
	public Response exchange(String method, String path, String body, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return send(
				builder
					.method(method,
							(body == null) ? HttpRequest.BodyPublishers.noBody()
									: HttpRequest.BodyPublishers.ofString(body))
					.build());
	}

	/** Posts a form, optionally with HTTP Basic client authentication. */
	public Response form(String path, Map<String, String> fields, String basicUser, String basicPassword) {
		SecretsSeen.fromFields(fields);
		SecretsSeen.add(basicPassword);
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json");
		if (basicUser != null) {
			String credentials = encode(basicUser) + ":" + encode(basicPassword);
			builder.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofString(formBody(fields))).build());
	}

	public Response form(String path, Map<String, String> fields) {
		return form(path, fields, null, null);
	}

	/** A browser-like GET of a full URL (used to follow the login redirects by hand). */
	public Response browse(String url) {
		return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : this.base + url))
			.header("Accept", "text/html")
			.GET()
			.build());
	}

	public Response browserForm(String path, Map<String, String> fields) {
		SecretsSeen.fromFields(fields);
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(fields)))
			.build());
	}

	public static Map<String, String> fields(String... keyValues) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			fields.put(keyValues[i], keyValues[i + 1]);
		}
		return fields;
	}

	private static String formBody(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private static HttpRequest json(HttpRequest.Builder builder, String method, Object body) {
		if (body instanceof Map<?, ?> fields) {
			SecretsSeen.fromFields(fields);
		}
		String text = (body instanceof String s) ? s : JSON.writeValueAsString(body);
		return builder.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(text))
			.build();
	}

	private static void recordSecrets(String body) {
		if (body != null && body.startsWith("{")) {
			try {
				SecretsSeen.fromJson(JSON.readTree(body));
			}
			catch (RuntimeException ex) {
				// not JSON after all: nothing to record
			}
		}
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			recordSecrets(response.body());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
