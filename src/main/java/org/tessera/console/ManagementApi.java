package org.tessera.console;

import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import tools.jackson.databind.json.JsonMapper;

/** The management API, at the issuer, as the console calls it with a person's token. */
@Component
class ManagementApi extends ApiClient {

	ManagementApi(TesseraProperties properties, JsonMapper json) {
		super(properties.issuer(), json);
	}

	@Override
	String unreachable() {
		return "The management API could not be reached; try again.";
	}

}
