package org.tessera.enforcement.sigv4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.policy.InvalidPolicyException;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;

/**
 * Asks the authorization server for the signing key of an access key, so that a resource
 * server can verify SigV4 signatures without ever holding a secret:
 * {@code POST <issuer>/storage/v1/signing-keys} with HTTP Basic
 * {@code <service>:<secret>} and {@code {"accessKeyId","date","region","service"}}; 200
 * carries the key, the owner's {@code acct}, {@code sub} and {@code perms} and
 * {@code maxAgeSeconds}; 404 means the key is unknown or inactive. Answers are cached by
 * scope: a key for its {@code maxAgeSeconds} (0: not at all), an unknown key for at most
 * one second, so that the authorization server, which records each key's last use, sees
 * about one request per key every few seconds. Concurrent lookups of one scope share one
 * request. Thread-safe.
 */
public class SigningKeyClient {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyClient.class);

	/** The path of the signing-key endpoint below the issuer. */
	public static final String PATH = "/storage/v1/signing-keys";

	/** The longest a 404 is remembered. */
	static final Duration UNKNOWN_KEY_LIFETIME = Duration.ofSeconds(1);

	/** The longest a key is remembered, whatever the answer says. */
	static final Duration MAXIMUM_KEY_LIFETIME = Duration.ofHours(1);

	private static final int MAXIMUM_ANSWER_BYTES = 1024 * 1024;

	private final URI endpoint;

	private final String authorization;

	private final HttpClient http;

	private final Duration timeout;

	private final PolicyParser parser = new PolicyParser(PolicyLimits.DEFAULT);

	private final Cache<CredentialScope, Optional<SigningKey>> answers = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfter(new AnswerExpiry())
		.executor(Runnable::run)
		.build();

	/**
	 * @param issuer the authorization server's base URL, e.g.
	 * {@code http://localhost:9000}
	 * @param serviceName the user name of the Basic credential, e.g. {@code vstorage}
	 * @param serviceSecret the password of the Basic credential, shared with the
	 * authorization server
	 * @param timeout how long connecting and answering may take each
	 */
	public SigningKeyClient(URI issuer, String serviceName, String serviceSecret, Duration timeout) {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(serviceName, "serviceName");
		if (serviceSecret == null || serviceSecret.isEmpty()) {
			throw new IllegalArgumentException("the service secret must be set");
		}
		String base = issuer.toString();
		this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((serviceName + ":" + serviceSecret).getBytes(StandardCharsets.UTF_8));
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * The signing key of the scope, or empty when the access key is unknown or inactive
	 * or its owner is disabled or deleted.
	 * @throws SigningKeyUnavailableException when the authorization server cannot answer
	 * @throws SigV4Exception when it refuses the scope as malformed (400)
	 */
	public Optional<SigningKey> find(CredentialScope scope) {
		return this.answers.get(scope, this::fetch);
	}

	private Optional<SigningKey> fetch(CredentialScope scope) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accessKeyId", scope.accessKeyId());
		body.put("date", scope.date());
		body.put("region", scope.region());
		body.put("service", scope.service());
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new SigningKeyUnavailableException("the authorization server cannot be reached", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SigningKeyUnavailableException("interrupted while asking the authorization server", ex);
		}
		return switch (response.statusCode()) {
			case 200 -> Optional.of(parse(scope, response.body()));
			case 404 -> Optional.empty();
			case 400 -> throw SigV4Exception.malformedHeader("The credential scope is not accepted.");
			case 401, 403 -> {
				log.error("The authorization server refused this server's storage credential ({}): "
						+ "check the service secret", response.statusCode());
				throw SigV4Exception.accessDenied("Access Denied");
			}
			default -> throw new SigningKeyUnavailableException(
					"the authorization server answered " + response.statusCode(), null);
		};
	}

	private SigningKey parse(CredentialScope scope, byte[] body) {
		try {
			if (body.length > MAXIMUM_ANSWER_BYTES) {
				throw new IllegalArgumentException("the answer is too large");
			}
			Map<String, Object> json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
			if (!scope.accessKeyId().equals(json.get("accessKeyId")) || !scope.date().equals(json.get("date"))
					|| !scope.region().equals(json.get("region")) || !scope.service().equals(json.get("service"))) {
				throw new IllegalArgumentException("the answer is for another scope");
			}
			byte[] key = (json.get("signingKey") instanceof String hex && Hex.isLowercaseSha256(hex)) ? Hex.decode(hex)
					: null;
			String account = JSONObjectUtils.getString(json, "acct");
			String subject = JSONObjectUtils.getString(json, "sub");
			if (key == null || account == null || account.isEmpty() || !account.chars().allMatch(Character::isDigit)
					|| subject == null) {
				throw new IllegalArgumentException("the answer lacks signingKey, acct or sub");
			}
			List<Statement> statements = this.parser.parseStatements(json.get("perms"), "perms");
			long maxAge = (json.get("maxAgeSeconds") instanceof Number number) ? number.longValue() : 0;
			Duration lifetime = Duration.ofSeconds(Math.max(0, Math.min(maxAge, MAXIMUM_KEY_LIFETIME.toSeconds())));
			return new SigningKey(scope, key, new SigV4Principal(scope.accessKeyId(), account, subject, statements),
					lifetime);
		}
		catch (ParseException | InvalidPolicyException | IllegalArgumentException | ClassCastException ex) {
			log.error("The authorization server's signing-key answer is malformed: {}", ex.getMessage());
			throw new SigningKeyUnavailableException("the authorization server's answer is malformed", ex);
		}
	}

	/** How long each answer is kept: a key its own max age, a 404 one second. */
	private static final class AnswerExpiry implements Expiry<CredentialScope, Optional<SigningKey>> {

		@Override
		public long expireAfterCreate(CredentialScope scope, Optional<SigningKey> answer, long currentTime) {
			return answer.map(SigningKey::maxAge).orElse(UNKNOWN_KEY_LIFETIME).toNanos();
		}

		@Override
		public long expireAfterUpdate(CredentialScope scope, Optional<SigningKey> answer, long currentTime,
				long currentDuration) {
			return expireAfterCreate(scope, answer, currentTime);
		}

		@Override
		public long expireAfterRead(CredentialScope scope, Optional<SigningKey> answer, long currentTime,
				long currentDuration) {
			return currentDuration;
		}

	}

}
