package org.tessera.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * RFC 6749 section 5.2 error answers with the right status: 401 for
 * {@code invalid_client}, with the {@code WWW-Authenticate} challenge of HTTP Basic (the
 * one scheme of the Authorization header a client may authenticate with here), and 400
 * for the rest, never to be cached. Spring's token endpoint answers 400 for every error,
 * and its client authentication sends no challenge.
 */
public final class OAuth2ErrorResponseHandler implements AuthenticationFailureHandler {

	/**
	 * The request attribute that holds the error code answered, for the token endpoint's
	 * metrics.
	 */
	public static final String ERROR_CODE_ATTRIBUTE = OAuth2ErrorResponseHandler.class.getName() + ".error";

	/** The challenge of every {@code invalid_client} answer (RFC 6749 section 5.2). */
	public static final String CHALLENGE = "Basic realm=\"tessera\"";

	private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
		request.setAttribute(ERROR_CODE_ATTRIBUTE, error.getErrorCode());
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.getHeaders().setCacheControl("no-store");
		httpResponse.setStatusCode(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		if (invalidClient) {
			httpResponse.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		}
		this.converter.write(error, null, httpResponse);
	}

}
