package org.tessera.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A console form sent without the session's CSRF token (a forged request, or a form left
 * open past its session) gets 403 and a page that says so in words, not an error body
 * meant for programs.
 */
final class ExpiredFormPage implements AccessDeniedHandler {

	private static final byte[] PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><title>Form expired · Tessera console</title>
			<link rel="stylesheet" href="/console/assets/console.css"></head>
			<body><main class="narrow"><h1>This form has expired</h1>
			<p role="alert">It was sent without the check this session expects: it may have been left open
			too long, or another site sent it. Nothing was changed.</p>
			<p><a class="button" href="/console">Back to the console</a></p></main></body></html>
			""".getBytes(StandardCharsets.UTF_8);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(PAGE.length);
		response.getOutputStream().write(PAGE);
	}

}
