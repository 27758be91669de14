package org.tessera.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The token endpoint's error answers: {@code invalid_client} raised after client
 * authentication (a service account disabled between authenticating and signing) is a
 * challenged 401, as RFC 6749 section 5.2 asks, and every other error a 400.
 */
class OAuth2ErrorResponseHandlerTests {

	private final OAuth2ErrorResponseHandler handler = new OAuth2ErrorResponseHandler();

	@Test
	void invalidClientIsAChallenged401() throws Exception {
		MockHttpServletResponse response = answer(OAuth2ErrorCodes.INVALID_CLIENT);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"tessera\"");
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_client\"");
	}

	@Test
	void everyOtherErrorIsAPlain400() throws Exception {
		MockHttpServletResponse response = answer(OAuth2ErrorCodes.INVALID_GRANT);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getHeader("WWW-Authenticate")).isNull();
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_grant\"");
	}

	private MockHttpServletResponse answer(String errorCode) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/oauth2/token"), response,
				new OAuth2AuthenticationException(errorCode));
		return response;
	}

}
