package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.vstorage.VStorageSignatureTests.assertError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.SocketHttp;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whatever a client sends vStorage, the answer is S3's XML error with a status below 500,
 * never Tomcat's HTML page, a stack trace or an empty body (HEAD excepted, which S3
 * answers without a body): malformed signatures, bad bucket names and query parameters,
 * sub-resources vStorage lacks, methods no operation takes, malformed XML, oversized
 * headers and bodies, and paths Tomcat refuses itself.
 */
class VStorageBadInputTests {

	private static StubSigningKeys tessera;

	private static StubSigningKeys.RunningVStorage vStorage;

	private static StubSigningKeys.AccessKey key;

	private static String base;

	@BeforeAll
	static void start() throws IOException {
		tessera = StubSigningKeys.start();
		vStorage = tessera.startVStorage("--tessera.vstorage.max-object-size=64KB");
		base = vStorage.url();
		key = tessera.fullAccess("53461");
		try (S3Client s3 = S3Clients.client(base, key)) {
			s3.createBucket((b) -> b.bucket("bad-input"));
		}
	}

	@AfterAll
	static void stop() {
		vStorage.close();
		tessera.close();
	}

	@Test
	void malformedAuthorizationHeadersAreRefusedInS3Terms() {
		assertError(SocketHttp.send(base, "GET", "/", null, "Authorization", "Bearer abc"), 400, "InvalidArgument");
		assertError(SocketHttp.send(base, "GET", "/", null, "Authorization", "AWS AKID:c2lnbmF0dXJl"), 400,
				"InvalidArgument");
		for (String header : List.of("AWS4-HMAC-SHA256 garbage", "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host",
				"AWS4-HMAC-SHA256 Credential=AK/2026/us-east-1/s3/aws4_request, SignedHeaders=host, Signature="
						+ "0".repeat(64),
				"AWS4-HMAC-SHA256 Credential=AK/20261207/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, "
						+ "Signature=" + "0".repeat(64))) {
			assertError(
					SocketHttp.send(base, "GET", "/", null, "Authorization", header, "x-amz-date", "20261207T000000Z"),
					400, "AuthorizationHeaderMalformed");
		}
		assertError(SocketHttp.send(base, "GET", "/", null, "Authorization",
				"AWS4-HMAC-SHA256 Credential=AK/20261207/us-east-1/s3/aws4_request, SignedHeaders=host, Signature="
						+ "0".repeat(64)),
				403, "AccessDenied");
		assertError(SocketHttp.send(base, "GET", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x", null), 400,
				"AuthorizationQueryParametersError");
	}

	@Test
	void badBucketNamesAreInvalid() {
		for (String name : List.of("ab", "Upper", "-dash", "a..b", "192.168.1.1", "x".repeat(64), "under_score")) {
			assertError(signed("PUT", "/" + name, null), 400, "InvalidBucketName");
		}
	}

	@Test
	void badQueryParametersAndUnknownSubResourcesAreRefused() {
		assertError(signed("GET", "/bad-input?list-type=2&max-keys=many", null), 400, "InvalidArgument");
		assertError(signed("GET", "/bad-input?list-type=3", null), 400, "InvalidArgument");
		assertError(signed("GET", "/bad-input?list-type=2&continuation-token=%21%21", null), 400, "InvalidArgument");
		assertError(signed("GET", "/bad-input?encoding-type=base64", null), 400, "InvalidArgument");
		for (String subResource : List.of("acl", "versioning", "uploads", "tagging", "policy")) {
			assertError(signed("GET", "/bad-input?" + subResource, null), 400, "InvalidRequest");
		}
		assertError(SocketHttp.send(base, "GET", "/bad-input?prefix=%zz", null), 400, "InvalidArgument");
	}

	@Test
	void methodsNoOperationTakesAreNotAllowed() {
		assertError(signed("POST", "/", null), 405, "MethodNotAllowed");
		assertError(signed("PATCH", "/bad-input", null), 405, "MethodNotAllowed");
		assertError(signed("POST", "/bad-input/key", null), 405, "MethodNotAllowed");
		assertError(signed("POST", "/bad-input", null), 405, "MethodNotAllowed");
		Http.Response trace = SocketHttp.send(base, "TRACE", "/bad-input", null);
		assertThat(trace.status()).as(trace.toString()).isBetween(400, 499);
		assertThat(trace.body()).as(trace.toString()).doesNotContainIgnoringCase("<html");
	}

	@Test
	void malformedXmlBodiesAreMalformedXml() {
		assertError(signed("PUT", "/fresh-bucket", "<CreateBucketConfiguration>".getBytes(StandardCharsets.UTF_8)), 400,
				"MalformedXML");
		assertError(signed("PUT", "/fresh-bucket",
				"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CreateBucketConfiguration>&e;</CreateBucketConfiguration>"
					.getBytes(StandardCharsets.UTF_8)),
				400, "MalformedXML");
		assertError(signed("POST", "/bad-input?delete",
				"<Delete><Object></Object></Delete>".getBytes(StandardCharsets.UTF_8)), 400, "MalformedXML");
		assertError(signed("POST", "/bad-input?delete", "not xml".getBytes(StandardCharsets.UTF_8)), 400,
				"MalformedXML");
	}

	@Test
	void anObjectOverTheSizeLimitIsTooLargeAndNotStored() {
		assertError(signed("PUT", "/bad-input/big", new byte[65 * 1024]), 400, "EntityTooLarge");
		assertError(signed("GET", "/bad-input/big", null), 404, "NoSuchKey");
	}

	@Test
	void oversizedHeadersUndecodablePathsAndEscapingPathsAreXmlErrors() {
		for (Http.Response answer : List.of(SocketHttp.send(base, "GET", "/", null, "X-Pad", "a".repeat(70_000)),
				SocketHttp.send(base, "GET", "/?pad=" + "a".repeat(70_000), null),
				SocketHttp.send(base, "GET", "/bad-input/%E8", null),
				SocketHttp.send(base, "GET", "/bad-input/../../etc/passwd", null),
				SocketHttp.send(base, "GET", "/bad-input/a%00b", null))) {
			assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/xml");
			assertThat(answer.body()).as(answer.toString()).contains("<Error><Code>");
		}
	}

	@Test
	void headErrorsHaveNoBodyAndTheErrorPathIsJustABucket() {
		Http.Response head = SocketHttp.send(base, "HEAD", "/bad-input/none", null);
		assertThat(head.status()).isEqualTo(403);
		assertThat(head.body()).isEmpty();
		assertThat(signed("HEAD", "/bad-input/none", null).status()).isEqualTo(404);
		assertError(SocketHttp.send(base, "GET", "/error", null), 403, "AccessDenied");
		assertError(SocketHttp.send(base, "GET", "/actuator/health", null), 403, "AccessDenied");
	}

	private static Http.Response signed(String method, String pathAndQuery, byte[] body) {
		return SignedRequests.header(key, base, method, pathAndQuery, body, Clock.systemUTC(), false)
			.send(base, method);
	}

}
