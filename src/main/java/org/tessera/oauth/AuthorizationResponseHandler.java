package org.tessera.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses (RFC 6749 section 4.1.2, errors section 4.1.2.1) as Spring
 * Authorization Server sends them, plus RFC 9207's {@code iss} parameter, on the code and
 * on every error sent to the client's redirect URI, so that a client talking to several
 * servers can tell which one answered (mix-up attacks). Spring 7.1 does not send
 * {@code iss}. An error that cannot go to a verified redirect URI is answered here with
 * 400, as Spring does.
 */
final class AuthorizationResponseHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final String ISSUER = "iss";

	private final String issuer;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	AuthorizationResponseHandler(String issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
		redirect(request, response, withStateAndIssuer(uri, result));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (!(exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failure)) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		OAuth2Error error = failure.getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken attempt = failure.getAuthorizationCodeRequestAuthentication();
		if (attempt == null || !StringUtils.hasText(attempt.getRedirectUri())) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
		}
		redirect(request, response, withStateAndIssuer(uri, attempt));
	}

	private UriComponentsBuilder withStateAndIssuer(UriComponentsBuilder uri,
			OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		if (StringUtils.hasText(request.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(request.getState()));
		}
		return uri.queryParam(ISSUER, encode(this.issuer));
	}

	/** Every component was encoded above ({@code build(true)}), as Spring does. */
	private void redirect(HttpServletRequest request, HttpServletResponse response, UriComponentsBuilder uri)
			throws IOException {
		this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
