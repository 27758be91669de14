package org.tessera.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.tessera.enforcement.AllowedHeaderValues;
import org.tessera.enforcement.HeaderBearerTokenResolver;

/**
 * vServer's loop-based header checks answer exactly as Spring's regular expressions they
 * replace, on 20,000 seeded random header values built from the characters that matter
 * (token characters, padding, spaces, tabs, control, non-ASCII, unassigned and surrogate
 * code points).
 */
class HeaderParsingTests {

	private static final String[] PIECES = { "Bearer ", "bearer ", "BEARER", "Bearer", "Basic ", "a", "Z", "0", "9",
			"-", ".", "_", "~", "+", "/", "=", "==", " ", "\t", "\n", "\u0000", "\u007f", "\u0085", "é", "\u0378",
			"\ud83d\ude00", "\ud800", "eyJhbGciOiJFUzI1NiJ9", "%", "\"", "," };

	@Test
	void theBearerTokenResolverAnswersAsSpringsDoes() {
		BearerTokenResolver spring = new DefaultBearerTokenResolver();
		BearerTokenResolver ours = new HeaderBearerTokenResolver();
		Random random = new Random(7);
		int tokens = 0;
		for (int i = 0; i < 20_000; i++) {
			String header = randomHeader(random, i % 3 == 0);
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/vserver/v1/health");
			request.addHeader("Authorization", header);
			String expected = outcome(spring, request);
			assertThat(outcome(ours, request)).as("Authorization: %s", header).isEqualTo(expected);
			tokens += expected.startsWith("token:") ? 1 : 0;
		}
		MockHttpServletRequest none = new MockHttpServletRequest("GET", "/vserver/v1/health");
		assertThat(outcome(ours, none)).isEqualTo(outcome(spring, none)).isEqualTo("none");
		assertThat(tokens).as("the random headers include valid bearer tokens").isGreaterThan(500);
	}

	@Test
	void theHeaderValueRuleAnswersAsSpringsDefaultDoes() {
		AllowedHeaderValues ours = new AllowedHeaderValues();
		Random random = new Random(11);
		int refused = 0;
		for (int i = 0; i < 20_000; i++) {
			String value = randomHeader(random, false);
			boolean expected = StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);
			assertThat(ours.test(value)).as("header value %s", value).isEqualTo(expected);
			refused += expected ? 0 : 1;
		}
		assertThat(refused).as("the random values include refused ones").isGreaterThan(1_000);
	}

	private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			String token = resolver.resolve(request);
			return (token == null) ? "none" : "token:" + token;
		}
		catch (OAuth2AuthenticationException ex) {
			return "error:" + ex.getError().getErrorCode() + ":" + ex.getError().getDescription();
		}
	}

	private static String randomHeader(Random random, boolean wellFormed) {
		StringBuilder header = new StringBuilder(wellFormed ? "Bearer " : "");
		int pieces = 1 + random.nextInt(wellFormed ? 4 : 8);
		for (int i = 0; i < pieces; i++) {
			String piece = PIECES[random.nextInt(PIECES.length)];
			header.append(wellFormed && !piece.matches("[A-Za-z0-9._~+/=-]+") ? "a" : piece);
		}
		return header.toString();
	}

}
