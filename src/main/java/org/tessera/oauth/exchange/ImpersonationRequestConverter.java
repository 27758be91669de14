package org.tessera.oauth.exchange;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.tessera.oauth.token.TokenNarrowing;
import org.tessera.oauth.token.TokenNarrowingParameters;

/**
 * Reads token exchange requests (RFC 8693 section 2.1) at the token endpoint. Tessera's
 * only exchange is impersonation of a service account, so every token exchange request
 * comes here: a missing or repeated parameter, or a token type other than the ones below,
 * is {@code invalid_request} with a description naming the parameter, and so is any
 * parameter in the URL, where tokens would end up in logs (RFC 6749 section 3.2 asks for
 * the form body). Every token Tessera issues is for the one configured audience: an
 * {@code audience} other than that one (it may be repeated), or any {@code resource}, is
 * {@code invalid_target} (section 2.2.2).
 */
public final class ImpersonationRequestConverter implements AuthenticationConverter {

	/** {@code subject_token_type} naming a service account by saId or CRN. */
	public static final String SERVICE_ACCOUNT_TOKEN_TYPE = "urn:tessera:params:oauth:token-type:service_account";

	/**
	 * {@code actor_token_type} and {@code issued_token_type} of access tokens (RFC 8693
	 * section 3).
	 */
	public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8693#section-2.2.2";

	private static final int MAX_TOKEN_LENGTH = 16 * 1024;

	private static final String AUDIENCE = TokenNarrowingParameters.AUDIENCE;

	private static final String RESOURCE = TokenNarrowingParameters.RESOURCE;

	/**
	 * What a trust entry with an external id needs the caller to present, as AWS STS's
	 * {@code ExternalId}.
	 */
	public static final String EXTERNAL_ID = "external_id";

	private static final int MAX_EXTERNAL_ID_LENGTH = 1224;

	/**
	 * The name the caller gives the impersonation session: it travels in the token's
	 * claim of the same name and in the audit events of both accounts.
	 */
	public static final String DISPLAY_NAME = "display_name";

	/**
	 * What a display name may hold: letters, digits, spaces and a few signs, up to 64
	 * characters, so that it reads the same in a log line, a header and a JSON field.
	 */
	private static final Pattern DISPLAY_NAME_SYNTAX = Pattern.compile("[\\p{L}\\p{N}_.@+=,: -]{1,64}");

	private final TokenNarrowingParameters narrowing;

	/**
	 * @param narrowing reads {@code resource}, {@code audience}, {@code policy} and
	 * {@code requested_lifetime}
	 */
	public ImpersonationRequestConverter(TokenNarrowingParameters narrowing) {
		this.narrowing = narrowing;
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!AuthorizationGrantType.TOKEN_EXCHANGE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return null;
		}
		if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
			throw invalidRequest("token exchange parameters belong in the form body, not in the URL");
		}
		Map<String, String[]> parameters = request.getParameterMap();
		TokenNarrowing narrowing = this.narrowing.read(parameters, true);
		parameters.forEach((name, values) -> {
			if (values.length > 1 && !AUDIENCE.equals(name) && !RESOURCE.equals(name)) {
				throw invalidRequest("parameter " + name + " is repeated");
			}
		});
		String subjectToken = required(parameters, OAuth2ParameterNames.SUBJECT_TOKEN);
		String subjectTokenType = required(parameters, OAuth2ParameterNames.SUBJECT_TOKEN_TYPE);
		if (!SERVICE_ACCOUNT_TOKEN_TYPE.equals(subjectTokenType)) {
			throw invalidRequest("subject_token_type must be " + SERVICE_ACCOUNT_TOKEN_TYPE);
		}
		String actorToken = optional(parameters, OAuth2ParameterNames.ACTOR_TOKEN);
		String actorTokenType = optional(parameters, OAuth2ParameterNames.ACTOR_TOKEN_TYPE);
		if (actorToken != null && !ACCESS_TOKEN_TYPE.equals(actorTokenType)) {
			throw invalidRequest("actor_token_type must be " + ACCESS_TOKEN_TYPE);
		}
		if (actorToken == null && actorTokenType != null) {
			throw invalidRequest("actor_token_type is given without actor_token");
		}
		String requestedType = optional(parameters, OAuth2ParameterNames.REQUESTED_TOKEN_TYPE);
		if (requestedType != null && !ACCESS_TOKEN_TYPE.equals(requestedType)) {
			throw invalidRequest("requested_token_type must be " + ACCESS_TOKEN_TYPE);
		}
		if (optional(parameters, OAuth2ParameterNames.SCOPE) != null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
					"an impersonated token carries the service account's policies, not scopes", ERROR_URI));
		}
		if (subjectToken.length() > MAX_TOKEN_LENGTH
				|| (actorToken != null && actorToken.length() > MAX_TOKEN_LENGTH)) {
			throw invalidRequest("a token parameter is too long");
		}
		String displayName = optional(parameters, DISPLAY_NAME);
		if (displayName != null && (!DISPLAY_NAME_SYNTAX.matcher(displayName).matches() || displayName.isBlank())) {
			throw invalidRequest("display_name is 1 to 64 letters, digits, spaces or _.@+=,:-");
		}
		String externalId = optional(parameters, EXTERNAL_ID);
		if (externalId != null && externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
			throw invalidRequest("external_id is longer than " + MAX_EXTERNAL_ID_LENGTH + " characters");
		}
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		return new ImpersonationRequest(client, subjectToken, actorToken,
				(displayName != null) ? displayName.strip() : null, narrowing, externalId, Map.of());
	}

	private static String required(Map<String, String[]> parameters, String name) {
		String value = optional(parameters, name);
		if (value == null) {
			throw invalidRequest("parameter " + name + " is required");
		}
		return value;
	}

	private static @Nullable String optional(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return (values == null || values[0].isEmpty()) ? null : values[0];
	}

	static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, ERROR_URI));
	}

}
