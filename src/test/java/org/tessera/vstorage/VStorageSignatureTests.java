package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Every request must carry a valid SigV4 signature, in the header or as a presigned URL:
 * a signature of another body, an old signing time, an expired or tampered URL and a
 * tampered chunk are refused with S3's error codes, and nothing is stored for them.
 */
class VStorageSignatureTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static StubSigningKeys tessera;

	private static StubSigningKeys.RunningVStorage vStorage;

	private static StubSigningKeys.AccessKey key;

	private static S3Client s3;

	@BeforeAll
	static void start() throws IOException {
		tessera = StubSigningKeys.start();
		vStorage = tessera.startVStorage();
		key = tessera.fullAccess("53461");
		s3 = S3Clients.client(vStorage.url(), key);
		s3.createBucket((b) -> b.bucket("signed"));
		s3.putObject((b) -> b.bucket("signed").key("dir/hello world.txt"), RequestBody.fromString("hello"));
	}

	@AfterAll
	static void stop() {
		s3.close();
		vStorage.close();
		tessera.close();
	}

	@Test
	void aPresignedGetUrlWorksWithAPlainHttpClient() throws Exception {
		try (S3Presigner presigner = S3Clients.presigner(vStorage.url(), key)) {
			URI url = presigner
				.presignGetObject((p) -> p.signatureDuration(Duration.ofMinutes(5))
					.getObjectRequest((g) -> g.bucket("signed").key("dir/hello world.txt")))
				.url()
				.toURI();
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(url).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("hello");

			String tampered = url.toString().replace("hello%20world", "hello%20World");
			HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertError(refused.statusCode(), refused.body(), 403, "SignatureDoesNotMatch");
		}
	}

	@Test
	void anExpiredPresignedUrlIsRefused() {
		Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
		String url = SignedRequests.presigned(key, vStorage.url(), "GET", "/signed/dir/hello%20world.txt", hourAgo,
				Duration.ofMinutes(10));
		Http.Response answer = org.tessera.support.SocketHttp.send(vStorage.url(), "GET", url, null);
		assertError(answer, 403, "AccessDenied");
		assertThat(answer.body()).contains("Request has expired");
	}

	@Test
	void aPresignedUrlValidForMoreThanAWeekIsRefused() {
		String url = SignedRequests.presigned(key, vStorage.url(), "GET", "/signed/dir/hello%20world.txt",
				Clock.systemUTC(), Duration.ofMinutes(10));
		Http.Response answer = org.tessera.support.SocketHttp.send(vStorage.url(), "GET",
				url.replace("X-Amz-Expires=600", "X-Amz-Expires=604801"), null);
		assertError(answer, 400, "AuthorizationQueryParametersError");
	}

	@Test
	void aRequestSignedTwentyMinutesAgoIsTooSkewed() {
		Clock twentyMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
		Http.Response answer = SignedRequests
			.header(key, vStorage.url(), "GET", "/signed?list-type=2", null, twentyMinutesAgo, false)
			.send(vStorage.url(), "GET");
		assertError(answer, 403, "RequestTimeTooSkewed");
		Clock fiveMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
		assertThat(SignedRequests.header(key, vStorage.url(), "GET", "/signed?list-type=2", null, fiveMinutesAgo, false)
			.send(vStorage.url(), "GET")
			.status()).isEqualTo(200);
	}

	@Test
	void aBodyThatIsNotTheSignedOneIsRefusedAndNotStored() {
		byte[] body = "the real body".getBytes(StandardCharsets.UTF_8);
		SignedRequests.Signed signed = SignedRequests.header(key, vStorage.url(), "PUT", "/signed/tampered.txt", body,
				Clock.systemUTC(), false);
		assertThat(signed.send(vStorage.url(), "PUT").status()).isEqualTo(200);
		Http.Response answer = signed.withBody("the fake body".getBytes(StandardCharsets.UTF_8))
			.send(vStorage.url(), "PUT");
		assertError(answer, 400, "XAmzContentSHA256Mismatch");
		assertThat(s3.getObjectAsBytes((b) -> b.bucket("signed").key("tampered.txt")).asUtf8String())
			.isEqualTo("the real body");
	}

	@Test
	void aTamperedChunkOfASignedChunkedBodyIsRefusedAndNotStored() {
		byte[] body = "a chunked body".repeat(100).getBytes(StandardCharsets.UTF_8);
		SignedRequests.Signed signed = SignedRequests.header(key, vStorage.url(), "PUT", "/signed/chunked.txt", body,
				Clock.systemUTC(), true);
		String encoded = new String(signed.body(), StandardCharsets.ISO_8859_1);
		assertThat(encoded).contains(";chunk-signature=");
		assertThat(signed.send(vStorage.url(), "PUT").status()).isEqualTo(200);
		assertThat(s3.getObjectAsBytes((b) -> b.bucket("signed").key("chunked.txt")).asByteArray()).isEqualTo(body);

		byte[] tampered = signed.body().clone();
		int at = encoded.indexOf("a chunked body");
		tampered[at] = 'A';
		s3.deleteObject((b) -> b.bucket("signed").key("chunked.txt"));
		assertError(signed.withBody(tampered).send(vStorage.url(), "PUT"), 403, "SignatureDoesNotMatch");
		assertThat(VStorageSdkTests.status(() -> s3.headObject((b) -> b.bucket("signed").key("chunked.txt"))))
			.isEqualTo(404);
	}

	@Test
	void anUnsignedChunkedBodyIsCheckedAgainstItsTrailingChecksum() {
		byte[] body = "checksummed".repeat(50).getBytes(StandardCharsets.UTF_8);
		SignedRequests.Signed signed = SignedRequests.unsignedTrailer(key, vStorage.url(), "PUT", "/signed/trailer.txt",
				body);
		String encoded = new String(signed.body(), StandardCharsets.ISO_8859_1);
		assertThat(encoded).contains("x-amz-checksum-crc32:").doesNotContain("chunk-signature");
		assertThat(signed.send(vStorage.url(), "PUT").status()).isEqualTo(200);
		assertThat(s3.getObjectAsBytes((b) -> b.bucket("signed").key("trailer.txt")).asByteArray()).isEqualTo(body);

		byte[] tampered = signed.body().clone();
		tampered[encoded.indexOf("checksummed")] = 'C';
		s3.deleteObject((b) -> b.bucket("signed").key("trailer.txt"));
		assertError(signed.withBody(tampered).send(vStorage.url(), "PUT"), 400, "BadDigest");
		assertThat(VStorageSdkTests.status(() -> s3.headObject((b) -> b.bucket("signed").key("trailer.txt"))))
			.isEqualTo(404);
	}

	@Test
	void aRequestWithoutAnySignatureIsDenied() {
		Http.Response answer = org.tessera.support.SocketHttp.send(vStorage.url(), "GET", "/signed?list-type=2", null);
		assertError(answer, 403, "AccessDenied");
	}

	static void assertError(Http.Response answer, int status, String code) {
		assertError(answer.status(), answer.body(), status, code);
		assertThat(answer.contentType()).as(answer.toString()).startsWith("application/xml");
	}

	static void assertError(int actualStatus, String body, int status, String code) {
		assertThat(actualStatus).as(body).isEqualTo(status);
		assertThat(body).as(body)
			.startsWith("<?xml")
			.contains("<Error><Code>" + code + "</Code>")
			.contains("<RequestId>");
	}

}
