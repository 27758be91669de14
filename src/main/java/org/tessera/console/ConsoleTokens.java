package org.tessera.console;

import java.io.IOException;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.tessera.TesseraProperties;
import org.tessera.oauth.client.TesseraClients;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console as an OAuth2 client of its own server's token endpoint, as any other client
 * is: it redeems the authorization code of a sign-in with its PKCE verifier, and
 * exchanges a person's token for a service account's when the person impersonates it. A
 * refusal becomes an {@link ApiRefusal} with the endpoint's {@code error_description}.
 */
@Component
class ConsoleTokens {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final JsonMapper json;

	private final String redirectUri;

	ConsoleTokens(TesseraProperties properties, JsonMapper json) {
		this.http = RestClient.builder().baseUrl(properties.issuer()).build();
		this.json = json;
		this.redirectUri = properties.issuer() + TesseraClients.CONSOLE_CALLBACK;
	}

	/** The token response to an authorization code (RFC 6749 section 4.1.3, RFC 7636). */
	Map<String, Object> redeem(String code, PendingSignIn signIn) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", this.redirectUri);
		form.add("client_id", TesseraClients.CONSOLE_CLIENT_ID);
		form.add("code_verifier", signIn.verifier());
		return request(form);
	}

	/**
	 * The token response to an impersonation (RFC 8693): the service account named by
	 * saId or CRN, for the holder of {@code actorToken}, with the session's display name.
	 */
	Map<String, Object> impersonate(String target, String actorToken, String displayName) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
		form.add("client_id", TesseraClients.CONSOLE_CLIENT_ID);
		form.add("subject_token", target);
		form.add("subject_token_type", "urn:tessera:params:oauth:token-type:service_account");
		form.add("actor_token", actorToken);
		form.add("actor_token_type", "urn:ietf:params:oauth:token-type:access_token");
		if (!displayName.isBlank()) {
			form.add("display_name", displayName);
		}
		return request(form);
	}

	private Map<String, Object> request(MultiValueMap<String, String> form) {
		try {
			Map<String, Object> answer = this.http.post()
				.uri("/oauth2/token")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.retrieve()
				.onStatus(HttpStatusCode::isError, (sent, response) -> {
					throw refusal(response);
				})
				.body(JSON_OBJECT);
			if (answer == null || !(answer.get("access_token") instanceof String)) {
				throw new ApiRefusal(502, "The token endpoint gave no token; try again.");
			}
			return answer;
		}
		catch (RestClientException ex) {
			throw new ApiRefusal(502, "The token endpoint could not be reached; try again.");
		}
	}

	private ApiRefusal refusal(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		Map<?, ?> error;
		try {
			error = this.json.readValue(response.getBody(), Map.class);
		}
		catch (RuntimeException ex) {
			error = Map.of();
		}
		Object description = error.get("error_description");
		if (description instanceof String text && !text.isBlank()) {
			return new ApiRefusal(status, text);
		}
		return new ApiRefusal(status, "The token endpoint refused the request (" + error.get("error") + ").");
	}

}
