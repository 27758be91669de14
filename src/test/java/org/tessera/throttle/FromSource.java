package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tessera.support.Http;
import org.tessera.support.SocketHttp;

/**
 * Requests sent from one loopback source address over plain sockets (the JDK client
 * cannot bind one), with the browser's session cookie and {@code _csrf} carried by hand
 * for the login page.
 */
final class FromSource {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String source;

	private final String base;

	private String cookie;

	private String csrf;

	FromSource(String source, int port) {
		this.source = source;
		this.base = "http://127.0.0.1:" + port;
	}

	Http.Response post(String path, Map<String, String> fields, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/x-www-form-urlencoded";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return SocketHttp.sendFrom(this.source, this.base, "POST", path, form(fields).getBytes(StandardCharsets.UTF_8),
				all);
	}

	Http.Response postJson(String path, String json, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return SocketHttp.sendFrom(this.source, this.base, "POST", path, json.getBytes(StandardCharsets.UTF_8), all);
	}

	Http.Response clientSecret(String clientId, String secret, String... headers) {
		String basic = Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
		String[] all = new String[headers.length + 2];
		all[0] = "Authorization";
		all[1] = "Basic " + basic;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return post("/oauth2/token", Map.of("grant_type", "client_credentials"), all);
	}

	Http.Response clientAssertion(Map<String, String> authentication) {
		Map<String, String> fields = new LinkedHashMap<>(authentication);
		fields.put("grant_type", "client_credentials");
		return post("/oauth2/token", fields);
	}

	/**
	 * Starts a login as a browser would (authorization request, login page) and keeps
	 * cookie and {@code _csrf}.
	 */
	void openLoginPage() {
		Http.Response authorize = SocketHttp.sendFrom(this.source, this.base, "GET",
				"/oauth2/authorize?response_type=code&client_id=tessera-cli&redirect_uri="
						+ encode("http://127.0.0.1:53682/callback")
						+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s1",
				null, "Accept", "text/html");
		assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
		this.cookie = authorize.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("JSESSIONID="))
			.map((c) -> c.split(";")[0])
			.findFirst()
			.orElseThrow();
		Http.Response page = SocketHttp.sendFrom(this.source, this.base, "GET", "/login", null, "Accept", "text/html",
				"Cookie", this.cookie);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("the login page has a _csrf field").isTrue();
		this.csrf = matcher.group(1);
	}

	/** Posts the login form in the session {@link #openLoginPage} opened. */
	Http.Response login(String account, String username, String password) {
		return post("/login",
				Map.of("account", account, "username", username, "password", password, "_csrf", this.csrf), "Accept",
				"text/html", "Cookie", this.cookie);
	}

	/** Whether a login answer is the redirect of a wrong login. */
	static boolean isWrongLogin(Http.Response response) {
		return response.status() == 302 && response.header("Location").contains("/login?error");
	}

	private static String form(Map<String, String> fields) {
		StringJoiner body = new StringJoiner("&");
		fields.forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
		return body.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
