package org.tessera.hardening.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.tessera.support.Http;
import org.tessera.support.SocketHttp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared pieces of the hostile-input tests: the seed, a generator of hostile values, a
 * raw HTTP sender that can put any bytes on the wire, and a collector of violations that
 * keeps the first (shortest) example of each kind so a failure reads as a reproducer.
 */
final class Fuzz {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The seed of this run: {@code -Dfuzz.seed=N} to reproduce, a fixed one by default.
	 */
	static long seed() {
		String configured = System.getProperty("fuzz.seed");
		return (configured != null && !configured.isBlank()) ? Long.parseLong(configured.trim()) : 20260522L;
	}

	private Fuzz() {
	}

	// ------------------------------------------------------------------ raw HTTP

	/** A request as it went on the wire, for reports. */
	record Sent(String method, String path, Map<String, String> headers, byte[] body) {

		String describe() {
			StringBuilder text = new StringBuilder(this.method).append(' ').append(shorten(this.path, 300));
			this.headers.forEach((k, v) -> text.append("\n  ").append(k).append(": ").append(shorten(v, 200)));
			if (this.body != null) {
				text.append("\n  body (")
					.append(this.body.length)
					.append(" bytes): ")
					.append(printable(this.body, 400));
			}
			return text.toString();
		}

	}

	/** An answer. */
	record Got(Sent sent, int status, String contentType, String body, java.net.http.HttpHeaders headers) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String describe() {
			return this.sent.describe() + "\n  -> " + this.status + " [" + this.contentType + "] "
					+ shorten(this.body, 400);
		}

	}

	/**
	 * Sends any bytes with any headers (HTTP/1.1, no redirects, nothing added but
	 * Host/Content-Length).
	 */
	static final class Raw {

		private final String base;

		private final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		Raw(String base) {
			this.base = base;
		}

		/**
		 * The answer read over a plain socket, after the JDK client failed: a server
		 * answers and closes on headers over its limit while that client is still writing
		 * them, and the broken pipe loses the answer. Failing over a socket as well is a
		 * transport failure of the server.
		 */
		private Got overSocket(Sent sent, IOException clientFailure) {
			List<String> headers = new ArrayList<>();
			sent.headers().forEach((name, value) -> {
				headers.add(name);
				headers.add(value);
			});
			try {
				Http.Response response = SocketHttp.send(this.base, sent.method(), sent.path(), sent.body(),
						headers.toArray(String[]::new));
				return new Got(sent, response.status(), response.contentType(), response.body(), response.headers());
			}
			catch (UncheckedIOException ex) {
				UncheckedIOException failure = new UncheckedIOException("transport failure for\n" + sent.describe(),
						ex.getCause());
				failure.addSuppressed(clientFailure);
				throw failure;
			}
		}

		/**
		 * Null when the JDK client refused to build the request (e.g. a header with a
		 * line break).
		 */
		Got send(String method, String path, Map<String, String> headers, byte[] body) {
			Sent sent = new Sent(method, path, headers, body);
			HttpRequest request;
			try {
				HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
					.timeout(Duration.ofSeconds(30));
				headers.forEach(builder::header);
				builder.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
				request = builder.build();
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			try {
				HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				return new Got(sent, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
						new String(response.body(), StandardCharsets.UTF_8), response.headers());
			}
			catch (IOException ex) {
				return overSocket(sent, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	// ------------------------------------------------------------------ violations

	/** Violations by kind, with a count and the shortest example of each. */
	static final class Violations {

		private final Map<String, Integer> counts = new TreeMap<>();

		private final Map<String, Got> examples = new TreeMap<>();

		void add(String kind, Got got) {
			this.counts.merge(kind, 1, Integer::sum);
			Got previous = this.examples.get(kind);
			if (previous == null || size(got) < size(previous)) {
				this.examples.put(kind, got);
			}
		}

		private static int size(Got got) {
			return got.sent().path().length() + ((got.sent().body() != null) ? got.sent().body().length : 0)
					+ got.sent().headers().toString().length();
		}

		boolean isEmpty() {
			return this.counts.isEmpty();
		}

		String report(long seed) {
			StringBuilder text = new StringBuilder("seed ").append(seed)
				.append(" (reproduce with -Dfuzz.seed=")
				.append(seed)
				.append("): ")
				.append(this.counts.size())
				.append(" kind(s) of violation\n");
			this.counts.forEach((kind, count) -> text.append("\n* ")
				.append(kind)
				.append(" x")
				.append(count)
				.append(", smallest example:\n")
				.append(this.examples.get(kind).describe())
				.append('\n'));
			return text.toString();
		}

	}

	/** What no answer may ever contain: a stack trace or an HTML page. */
	static String leak(String body) {
		if (body == null) {
			return null;
		}
		String lower = body.toLowerCase();
		if (lower.contains("<html") || lower.contains("<!doctype")) {
			return "HTML body";
		}
		if (body.contains("Exception") || body.contains("at org.") || body.contains("at java.")) {
			return "stack trace / exception name in body";
		}
		return null;
	}

	static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	// ------------------------------------------------------------------ hostile values

	static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_-";

	private static final String[] UNICODE = { "\uD83D\uDE00", "\uD83D\uDD25\uD83D\uDC80", "\u202Eevil\u202C",
			"\u0645\u0631\u062D\u0628\u0627", "e\u0301\u0301\u0301\u0301", "\u0430dmin", "\u0391\u0392\u0393", "\u200B",
			"\uFEFF", "\u00E9", "\u4E2D\u6587", "\uFF21\uFF44\uFF4D\uFF49\uFF4E", "\u2028", "\u0000", "\uD800",
			"\uDFFF", "\uFFFF", "\uFFFE", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358" };

	private static final String[] NASTY = { "' OR 1=1 --", "\"; DROP TABLE users; --", "../../etc/passwd", "..%2f..%2f",
			"${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "{{7*7}}", "%s%s%s%n", "\\", "\"", "null",
			"true", "0", "-1", "1e309", "NaN", "*", "?", "crn:iam:*:*", "crn:iam:000000000000:root", "%00", "%", "%G1",
			"&", "=", "a=b&c=d", "\r\n", "\t", " ", "  padded  ", "IAMFullAccess", "iamfullaccess", "tessera-cli",
			"sa-", "sa-00000000000000000000000000", "CON", "/", "//", ";", "#", "~", "$(id)" };

	/** A generator of hostile values, driven by one seeded Random. */
	static final class Hostile {

		final Random random;

		Hostile(Random random) {
			this.random = random;
		}

		int nextInt(int bound) {
			return this.random.nextInt(bound);
		}

		boolean chance(double p) {
			return this.random.nextDouble() < p;
		}

		<T> T pick(List<T> values) {
			return values.get(this.random.nextInt(values.size()));
		}

		@SafeVarargs
		final <T> T oneOf(T... values) {
			return values[this.random.nextInt(values.length)];
		}

		String validName(int maxLength) {
			int length = 1 + this.random.nextInt(maxLength);
			StringBuilder name = new StringBuilder();
			for (int i = 0; i < length; i++) {
				name.append(NAME_CHARS.charAt(this.random.nextInt(NAME_CHARS.length())));
			}
			return name.toString();
		}

		String controlChars() {
			StringBuilder text = new StringBuilder("c");
			int n = 1 + this.random.nextInt(8);
			for (int i = 0; i < n; i++) {
				int c = this.random.nextInt(33);
				text.append((char) ((c == 32) ? 0x7f : c));
			}
			return text.append('x').toString();
		}

		String unicode() {
			StringBuilder text = new StringBuilder();
			int n = 1 + this.random.nextInt(4);
			for (int i = 0; i < n; i++) {
				text.append(
						this.random.nextBoolean() ? UNICODE[this.random.nextInt(UNICODE.length)] : this.validName(5));
			}
			return text.toString();
		}

		String huge() {
			int size = this.oneOf(100_000, 65_537, 70_000, 40_000, 8_000, 129, 513, 1_001, 65);
			char c = this.oneOf('A', 'x', '\u00E9', '%', '0');
			return String.valueOf(c).repeat(size);
		}

		/** Any hostile string. */
		String string() {
			return switch (this.random.nextInt(10)) {
				case 0 -> "";
				case 1 -> this.huge();
				case 2 -> this.controlChars();
				case 3, 4 -> this.unicode();
				case 5, 6 -> NASTY[this.random.nextInt(NASTY.length)];
				case 7 -> this.validName(64);
				case 8 -> this.validName(3) + NASTY[this.random.nextInt(NASTY.length)] + this.unicode();
				default -> String.valueOf(this.random.nextLong());
			};
		}

		/** A hostile JSON token of any type, as text. */
		String jsonValue(int depth) {
			int kind = this.random.nextInt((depth > 3) ? 7 : 10);
			return switch (kind) {
				case 0, 1, 2 -> jsonString(this.string());
				case 3 -> this.number();
				case 4 -> this.oneOf("true", "false");
				case 5 -> "null";
				case 6 -> jsonString(this.validName(20));
				case 7 -> this.jsonArray(depth + 1, this.random.nextInt(4));
				case 8 -> this.jsonObject(depth + 1);
				default -> this.deepOrWide();
			};
		}

		String number() {
			return this.oneOf("0", "-0", "1", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999999",
					"9223372036854775808", "2147483648", "0.0000000001", "1E2", String.valueOf(this.random.nextInt()),
					String.valueOf(this.random.nextDouble()));
		}

		String jsonArray(int depth, int n) {
			StringBuilder text = new StringBuilder("[");
			for (int i = 0; i < n; i++) {
				text.append((i > 0) ? "," : "").append(this.jsonValue(depth));
			}
			return text.append(']').toString();
		}

		String jsonObject(int depth) {
			StringBuilder text = new StringBuilder("{");
			int n = this.random.nextInt(4);
			for (int i = 0; i < n; i++) {
				text.append((i > 0) ? "," : "")
					.append(jsonString(this.chance(0.5) ? this.validName(8) : this.string()))
					.append(':')
					.append(this.jsonValue(depth));
			}
			return text.append('}').toString();
		}

		/** Deep nesting or a huge array, under or over the 64 KB limit. */
		String deepOrWide() {
			return switch (this.random.nextInt(6)) {
				case 0 -> "[".repeat(10_000) + "]".repeat(10_000);
				case 1 -> "[".repeat(10_000);
				case 2 -> "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
				case 3 -> "[" + "1,".repeat(100_000) + "1]";
				case 4 -> "[" + "1,".repeat(20_000) + "1]";
				default -> "[" + "\"x\",".repeat(10_000) + "\"x\"]";
			};
		}

		/** A malformed JSON text. */
		String malformedJson() {
			return this.oneOf("{", "}", "{\"name\":", "{\"name\":\"x\"", "{\"name\":\"x\",}", "{'name':'x'}",
					"{name: x}", "{\"name\":\"x\"} trailing", "{\"name\":\"x\"}{}", "{\"a\":NaN}", "{\"a\":Infinity}",
					"{\"a\":01}", "{\"a\":.5}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}",
					"{\"a\":\"\\udc00\\ud800\"}", "/* c */ {}", "{} // c", "[", "]", "\"unterminated", "nul", "tru",
					"{\"a\":1,,\"b\":2}", "{\"a\"  1}", "\u0000", "{\"\u0000\":1}", "\uFEFF{}",
					"{\"a\":\"line\nbreak\"}", "{\"a\":\"tab\there\"}", "0x10", "-", "1.", "[,]", "{:}", "{\"a\":[}",
					"{\"a\":{]}", "\"\\");
		}

		/** Bytes that are not valid UTF-8, wrapped in a JSON string of a field. */
		byte[] invalidUtf8Json(String field) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(("{\"" + field + "\":\"ab").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(this.invalidUtf8());
			out.writeBytes("cd\"}".getBytes(StandardCharsets.UTF_8));
			return out.toByteArray();
		}

		byte[] invalidUtf8() {
			byte[][] sequences = { { (byte) 0xFF }, { (byte) 0xFE, (byte) 0xFF }, { (byte) 0xC3, (byte) 0x28 },
					{ (byte) 0xA0, (byte) 0xA1 }, { (byte) 0xE2, (byte) 0x28, (byte) 0xA1 },
					{ (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28 }, { (byte) 0xC0, (byte) 0x80 },
					{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80 },
					{ (byte) 0xE2, (byte) 0x82 }, { (byte) 0x80 }, { 0 } };
			return sequences[this.random.nextInt(sequences.length)];
		}

		String percentJunk() {
			StringBuilder text = new StringBuilder();
			int n = 1 + this.random.nextInt(6);
			for (int i = 0; i < n; i++) {
				switch (this.random.nextInt(6)) {
					case 0 -> text.append(String.format("%%%02X", this.random.nextInt(256)));
					case 1 -> text.append(this.oneOf("%", "%G", "%zz", "%C3", "%E2%82", "%FF%FE", "%00", "%2"));
					case 2 -> text.append(URLEncoder.encode(this.unicode(), StandardCharsets.UTF_8));
					default -> text.append(this.validName(6));
				}
			}
			return text.toString();
		}

	}

	/**
	 * A JSON string literal; non-ASCII kept raw or escaped at random (lone surrogates
	 * always escaped).
	 */
	static String jsonString(String value) {
		StringBuilder text = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				text.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
				text.append(String.format("\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		return text.append('"').toString();
	}

	/** A form body of the given pairs, URL-encoded. */
	static String formBody(List<String[]> pairs) {
		List<String> parts = new ArrayList<>();
		for (String[] pair : pairs) {
			parts.add(URLEncoder.encode(pair[0], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
		}
		return String.join("&", parts);
	}

	static Map<String, String> headers(String... keyValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] != null) {
				headers.put(keyValues[i], keyValues[i + 1]);
			}
		}
		return headers;
	}

	static String shorten(String text, int max) {
		if (text == null) {
			return "null";
		}
		String escaped = printable(text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
		return (escaped.length() <= max) ? escaped : escaped.substring(0, max) + "…(" + text.length() + " chars)";
	}

	/** Bytes as text, with anything not printable ASCII shown as \xNN. */
	static String printable(byte[] bytes, int max) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < bytes.length && text.length() < max; i++) {
			int b = bytes[i] & 0xff;
			if (b >= 0x20 && b < 0x7f) {
				text.append((char) b);
			}
			else {
				text.append(String.format("\\x%02X", b));
			}
		}
		if (text.length() >= max) {
			text.append("…");
		}
		return text.toString();
	}

}
