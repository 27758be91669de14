package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.tessera.enforcement.sigv4.QueryParameter;
import org.tessera.enforcement.sigv4.SigV4Exception;
import org.tessera.enforcement.sigv4.SigV4Verifier;
import org.tessera.enforcement.sigv4.SigningKeyClient;
import org.tessera.enforcement.sigv4.VerifiedRequest;

/**
 * The verifier agrees with the worked examples of AWS's SigV4 documentation for S3
 * ("Signature Calculations for the Authorization Header" and "Authenticating Requests:
 * Using Query Parameters"), signed by the documentation's example key.
 */
class SigV4KnownAnswerTests {

	private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static StubSigningKeys tessera;

	private static SigV4Verifier verifier;

	@BeforeAll
	static void start() throws IOException {
		tessera = StubSigningKeys.start();
		tessera.add("AKIAIOSFODNN7EXAMPLE", EXAMPLE_SECRET, "53461",
				List.of(StubSigningKeys.statement("vstorage:*", "crn:vstorage:53461:*")));
		verifier = new SigV4Verifier(new SigningKeyClient(URI.create(tessera.url()), "vstorage",
				StubSigningKeys.SERVICE_SECRET, Duration.ofSeconds(2)),
				Clock.fixed(Instant.parse("2013-05-24T00:01:00Z"), ZoneOffset.UTC));
	}

	@AfterAll
	static void stop() {
		tessera.close();
	}

	@Test
	void theDocumentedGetObjectWithARangeVerifies() throws IOException {
		MockHttpServletRequest request = request("GET", "/test.txt", null);
		request.addHeader("Range", "bytes=0-9");
		request.addHeader("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		request.addHeader("x-amz-date", "20130524T000000Z");
		request.addHeader("Authorization",
				"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
						+ "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
						+ "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
		VerifiedRequest verified = verifier.verify(request, List.of());
		assertThat(verified.principal().account()).isEqualTo("53461");
		assertThat(verified.body().readAllBytes()).isEmpty();

		request.removeHeader("Range");
		request.addHeader("Range", "bytes=0-10");
		assertThatExceptionOfType(SigV4Exception.class).isThrownBy(() -> verifier.verify(request, List.of()))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("SignatureDoesNotMatch"));
	}

	@Test
	void theDocumentedPresignedUrlVerifies() throws IOException {
		String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
				+ "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
				+ "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
				+ "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
		MockHttpServletRequest request = request("GET", "/test.txt", query);
		assertThat(verifier.verify(request, QueryParameter.parse(query)).principal().accessKeyId())
			.isEqualTo("AKIAIOSFODNN7EXAMPLE");
	}

	private static MockHttpServletRequest request(String method, String path, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setQueryString(query);
		request.addHeader("Host", "examplebucket.s3.amazonaws.com");
		return request;
	}

}
