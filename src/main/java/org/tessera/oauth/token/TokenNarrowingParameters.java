package org.tessera.oauth.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.policy.InvalidPolicyException;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the narrowing parameters of a token request, in named steps: {@code resource}
 * (RFC 8707 section 2: absolute URIs without a fragment, each a resource this server
 * knows, else {@code invalid_target}), {@code audience} (RFC 8693, token exchange only:
 * Tessera's own audience or issuer, or a known resource), {@code policy} (a session
 * policy in the policy language) and {@code requested_lifetime} (whole seconds).
 * Malformed values are {@code invalid_request}, naming the parameter.
 */
@Component
public class TokenNarrowingParameters {

	/** RFC 8707 section 2. */
	public static final String RESOURCE = "resource";

	/** RFC 8693 section 2.1. */
	public static final String AUDIENCE = "audience";

	/** A session policy document, JSON. */
	public static final String POLICY = "policy";

	/** Seconds the token should live. */
	public static final String REQUESTED_LIFETIME = "requested_lifetime";

	/** RFC 8707 section 2 and RFC 8693 section 2.2.2; Spring has no constant for it. */
	public static final String INVALID_TARGET = "invalid_target";

	/** The longest lifetime a token may be asked for: 12 hours, as AWS's and Google's. */
	public static final Duration MAX_LIFETIME = Duration.ofHours(12);

	private static final int MAX_POLICY_CHARACTERS = 16 * 1024;

	private static final Pattern SECONDS = Pattern.compile("[0-9]{1,6}");

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PolicyParser parser = new PolicyParser(PolicyLimits.DEFAULT);

	private final String defaultAudience;

	private final Set<String> ownNames;

	private final Set<String> resources;

	public TokenNarrowingParameters(TesseraProperties properties) {
		this.defaultAudience = properties.tokens().audience();
		this.ownNames = Set.of(properties.tokens().audience(), properties.issuer());
		this.resources = Set.copyOf(properties.tokens().resources());
	}

	/** The resources tokens may be asked for, as discovery lists them. */
	public Set<String> resources() {
		return this.resources;
	}

	/**
	 * The narrowing a request asks for; {@code audienceAllowed} is false where only
	 * {@code resource} is defined (client credentials).
	 */
	public TokenNarrowing read(Map<String, String[]> parameters, boolean audienceAllowed) {
		String[] audiences = parameters.get(AUDIENCE);
		if (!audienceAllowed && audiences != null) {
			throw invalidRequest("audience is a token-exchange parameter; use resource");
		}
		List<String> audience = audience(parameters.get(RESOURCE), audiences);
		List<Statement> session = sessionPolicy(single(parameters, POLICY));
		Duration lifetime = requestedLifetime(single(parameters, REQUESTED_LIFETIME));
		if (audience == null && session == null && lifetime == null) {
			return TokenNarrowing.NONE;
		}
		return new TokenNarrowing(audience, session, lifetime);
	}

	/**
	 * The same, from parameters as Spring's converters keep them (a String or a
	 * String[]).
	 */
	public TokenNarrowing read(Map<String, Object> additionalParameters) {
		Map<String, String[]> parameters = new java.util.HashMap<>();
		additionalParameters.forEach((name, value) -> {
			if (value instanceof String text) {
				parameters.put(name, new String[] { text });
			}
			else if (value instanceof String[] texts) {
				parameters.put(name, texts);
			}
		});
		return read(parameters, false);
	}

	/** Step 1: every resource and audience is one this server issues tokens for. */
	private @Nullable List<String> audience(String @Nullable [] resources, String @Nullable [] audiences) {
		if (resources == null && audiences == null) {
			return null;
		}
		Set<String> audience = new LinkedHashSet<>();
		for (String resource : (resources != null) ? resources : new String[0]) {
			if (!isAbsoluteWithoutFragment(resource)) {
				throw invalidTarget("resource must be an absolute URI without a fragment");
			}
			if (!this.resources.contains(resource)) {
				throw invalidTarget("resource " + shortened(resource) + " is not a resource of this server");
			}
			audience.add(resource);
		}
		for (String value : (audiences != null) ? audiences : new String[0]) {
			if (value.isEmpty()) {
				continue;
			}
			if (this.ownNames.contains(value)) {
				audience.add(this.defaultAudience);
			}
			else if (this.resources.contains(value)) {
				audience.add(value);
			}
			else {
				throw invalidTarget("audience " + shortened(value) + " is not an audience of this server");
			}
		}
		return audience.isEmpty() ? null : new ArrayList<>(audience);
	}

	/** Step 2: the session policy is a policy document whose statements parse. */
	private @Nullable List<Statement> sessionPolicy(@Nullable String policy) {
		if (policy == null) {
			return null;
		}
		if (policy.length() > MAX_POLICY_CHARACTERS) {
			throw invalidRequest("policy is longer than " + MAX_POLICY_CHARACTERS + " characters");
		}
		Object json;
		try {
			json = JSON.readValue(policy, Object.class);
		}
		catch (JacksonException ex) {
			throw invalidRequest("policy is not JSON");
		}
		if (!(json instanceof Map<?, ?> document) || !document.containsKey("statements")) {
			throw invalidRequest("policy must be a JSON object with \"statements\"");
		}
		try {
			return this.parser.parseStatements(document.get("statements"), "policy.statements");
		}
		catch (InvalidPolicyException ex) {
			throw invalidRequest("policy: " + ex.getMessage());
		}
	}

	/**
	 * Step 3: the lifetime is a whole number of seconds, at least 1, at most 12 hours.
	 */
	private static @Nullable Duration requestedLifetime(@Nullable String seconds) {
		if (seconds == null) {
			return null;
		}
		if (!SECONDS.matcher(seconds).matches() || Long.parseLong(seconds) < 1
				|| Long.parseLong(seconds) > MAX_LIFETIME.toSeconds()) {
			throw invalidRequest("requested_lifetime must be whole seconds from 1 to " + MAX_LIFETIME.toSeconds());
		}
		return Duration.ofSeconds(Long.parseLong(seconds));
	}

	private static @Nullable String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null) {
			return null;
		}
		if (values.length != 1) {
			throw invalidRequest("parameter " + name + " is repeated");
		}
		return values[0];
	}

	private static boolean isAbsoluteWithoutFragment(String value) {
		try {
			URI uri = new URI(value);
			return uri.isAbsolute() && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String shortened(String value) {
		String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
		return (printable.length() > 100) ? printable.substring(0, 100) + "..." : printable;
	}

	private static OAuth2AuthenticationException invalidTarget(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(INVALID_TARGET, description, ERROR_URI));
	}

	private static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
	}

}
