package org.tessera.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * What the console answers before anyone signs in: a strict Content-Security-Policy with
 * no inline script and no framing, a change without the session's CSRF token refused, a
 * page without a sign-in sent to the sign-in, and a sign-in answer that is not this
 * browser's refused in words.
 */
class ConsoleHeadersTests extends IntegrationTest {

	@Test
	void everyConsolePageForbidsInlineScriptsAndFraming() {
		Http.Response page = this.tessera.http().browse(issuer() + "/console/signed-out");
		assertThat(page.status()).isEqualTo(200);
		String policy = page.header("Content-Security-Policy");
		assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.header("Cache-Control")).contains("no-store");
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).doesNotContain("<script>").contains("/console/assets/console.js");
	}

	@Test
	void aChangeWithoutTheCsrfTokenIsRefused() {
		Http.Response post = this.tessera.http()
			.browserForm("/console/service-accounts", Map.of("name", "csrf-victim"));
		assertThat(post.status()).isEqualTo(403);
		assertThat(post.contentType()).startsWith("text/html");
		assertThat(post.body()).contains("This form has expired", "Nothing was changed.");
		Http.Response signOut = this.tessera.http().browserForm("/console/sign-out", Map.of());
		assertThat(signOut.status()).isEqualTo(403);
	}

	@Test
	void aPageWithoutASignInSendsTheBrowserToTheSignIn() {
		Http.Response page = this.tessera.http().browse(issuer() + "/console/service-accounts");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/console/sign-in");
		Http.Response signIn = this.tessera.http().browse(issuer() + "/console/sign-in");
		assertThat(signIn.status()).isEqualTo(302);
		assertThat(signIn.header("Location")).contains("/oauth2/authorize?", "client_id=tessera-console",
				"code_challenge_method=S256", "state=");
	}

	@Test
	void aCallbackThatAnswersNoSignInOfThisBrowserIsRefusedInWords() {
		Http.Response callback = this.tessera.http()
			.browse(issuer() + "/console/callback?code=stolen&state=someone-elses");
		assertThat(callback.status()).isEqualTo(200);
		assertThat(callback.body()).contains("This sign-in has expired or was started in another window");
	}

}
