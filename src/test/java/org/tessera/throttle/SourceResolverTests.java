package org.tessera.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.tessera.TesseraProperties;

/** Which address a request is throttled by, with and without trusted proxies. */
class SourceResolverTests {

	@Test
	void withoutTrustedProxiesTheSourceIsThePeerWhateverTheHeadersSay() {
		SourceResolver sources = resolver(List.of());

		assertThat(sources.resolve(request("192.0.2.1", "198.51.100.7"))).isEqualTo("192.0.2.1");
	}

	@Test
	void behindTrustedProxiesTheSourceIsTheRightMostUntrustedForwardedAddress() {
		SourceResolver sources = resolver(List.of("10.0.0.0/8", "192.0.2.1"));

		assertThat(sources.resolve(request("10.1.2.3", "198.51.100.7"))).isEqualTo("198.51.100.7");
		assertThat(sources.resolve(request("10.1.2.3", "203.0.113.9, 198.51.100.7, 10.9.9.9")))
			.as("the client's own entries further left are not believed")
			.isEqualTo("198.51.100.7");
		assertThat(sources.resolve(request("192.0.2.1", "10.0.0.1, 10.0.0.2"))).as("only proxies: the left-most")
			.isEqualTo("10.0.0.1");
		assertThat(sources.resolve(request("10.1.2.3", "not-an-address"))).as("garbage: the proxy itself")
			.isEqualTo("10.1.2.3");
		assertThat(sources.resolve(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
		assertThat(sources.resolve(request("192.0.2.2", "198.51.100.7"))).as("an untrusted peer")
			.isEqualTo("192.0.2.2");
	}

	@Test
	void anIpv6SourceCountsByItsSlash64() {
		SourceResolver sources = resolver(List.of());

		assertThat(sources.resolve(request("2001:db8:1:2:aaaa::1", null)))
			.isEqualTo(sources.resolve(request("2001:db8:1:2:bbbb::2", null)))
			.isNotEqualTo(sources.resolve(request("2001:db8:1:3::1", null)));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

	private static SourceResolver resolver(List<String> trustedProxies) {
		TesseraProperties.Throttle throttle = new TesseraProperties.Throttle(trustedProxies, 50,
				java.time.Duration.ofSeconds(1), 20, java.time.Duration.ofSeconds(10), 5,
				java.time.Duration.ofMinutes(15), 10, java.time.Duration.ofMinutes(6), 100_000);
		return new SourceResolver(new TesseraProperties(Path.of("."), "http://localhost", null, null, null, null, null,
				throttle, null, null));
	}

}
