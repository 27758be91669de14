package org.tessera.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * vServer's API ({@code tessera.console.vserver-url}), called with the console's current
 * token: the impersonated one while impersonating, so a person sees another account's
 * servers exactly as the service account may.
 */
@Component
class VServerApi extends ApiClient {

	VServerApi(@Value("${tessera.console.vserver-url:http://localhost:8081}") String baseUrl, JsonMapper json) {
		super(baseUrl, json);
	}

	@Override
	String unreachable() {
		return "vServer could not be reached; is it running?";
	}

}
