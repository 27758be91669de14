package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.tessera.vstorage.VStorageSignatureTests.assertError;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.enforcement.sigv4.CredentialScope;
import org.tessera.enforcement.sigv4.SigV4Exception;
import org.tessera.enforcement.sigv4.SigningKeyClient;
import org.tessera.enforcement.sigv4.SigningKeyUnavailableException;
import org.tessera.support.IntegrationTest;
import org.tessera.support.SocketHttp;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The signing-key contract with Tessera, from vStorage's side: answers are cached for
 * their {@code maxAgeSeconds} and unknown keys for a second, so Tessera sees about one
 * request per key every few seconds; a wrong storage credential and an unreachable
 * Tessera refuse the request (403, and 503 ServiceUnavailable in S3's XML).
 */
class SigningKeyContractTests {

	private static StubSigningKeys tessera;

	@BeforeAll
	static void start() throws IOException {
		tessera = StubSigningKeys.start();
	}

	@AfterAll
	static void stop() {
		tessera.close();
	}

	@Test
	void aKeyIsAskedForOncePerMaxAgeAndAnUnknownKeyAtMostOncePerSecond() throws Exception {
		StubSigningKeys.AccessKey key = tessera.fullAccess("53461");
		SigningKeyClient client = client(tessera.url(), StubSigningKeys.SERVICE_SECRET);
		CredentialScope scope = new CredentialScope(key.id(), "20261207", "us-east-1", "s3");
		int before = tessera.requests();
		for (int i = 0; i < 20; i++) {
			assertThat(client.find(scope)).hasValueSatisfying((found) -> {
				assertThat(found.principal().account()).isEqualTo("53461");
				assertThat(found.principal().subject()).startsWith("crn:iam:53461:service-account/");
				assertThat(found.principal().statements()).hasSize(1);
				assertThat(found.maxAge()).isEqualTo(Duration.ofSeconds(5));
			});
		}
		assertThat(tessera.requests() - before).isEqualTo(1);

		CredentialScope unknown = new CredentialScope("AKNOBODY", "20261207", "us-east-1", "s3");
		before = tessera.requests();
		for (int i = 0; i < 20; i++) {
			assertThat(client.find(unknown)).isEmpty();
		}
		assertThat(tessera.requests() - before).isEqualTo(1);
		// the refusal is kept for a second, then asked again, once
		int beforeUnknown = before;
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> client.find(unknown).isEmpty() && tessera.requests() - beforeUnknown >= 2);
		assertThat(tessera.requests() - before).isEqualTo(2);
	}

	@Test
	void aMaxAgeOfZeroIsNotCached() {
		StubSigningKeys zero = null;
		try {
			zero = StubSigningKeys.start();
			zero.maxAgeSeconds(0);
			StubSigningKeys.AccessKey key = zero.fullAccess("53461");
			SigningKeyClient client = client(zero.url(), StubSigningKeys.SERVICE_SECRET);
			CredentialScope scope = new CredentialScope(key.id(), "20261207", "us-east-1", "s3");
			client.find(scope);
			client.find(scope);
			assertThat(zero.requests()).isEqualTo(2);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			if (zero != null) {
				zero.close();
			}
		}
	}

	@Test
	void aWrongStorageCredentialIsAccessDeniedAndAnUnreachableTesseraUnavailable() {
		StubSigningKeys.AccessKey key = tessera.fullAccess("53461");
		CredentialScope scope = new CredentialScope(key.id(), "20261207", "us-east-1", "s3");
		assertThatExceptionOfType(SigV4Exception.class)
			.isThrownBy(() -> client(tessera.url(), "wrong-secret").find(scope))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("AccessDenied"));
		assertThatExceptionOfType(SigningKeyUnavailableException.class)
			.isThrownBy(() -> client("http://localhost:" + IntegrationTest.freePort(), "x").find(scope));
	}

	@Test
	void vStorageAnswersServiceUnavailableInXmlWhileTesseraIsDown() throws IOException {
		StubSigningKeys down = StubSigningKeys.start();
		down.maxAgeSeconds(0);
		StubSigningKeys.AccessKey key = down.fullAccess("53461");
		try (StubSigningKeys.RunningVStorage vStorage = down.startVStorage();
				S3Client s3 = S3Clients.client(vStorage.url(), key)) {
			assertThat(s3.listBuckets().buckets()).isEmpty();
			down.close();
			assertThat(VStorageSdkTests.code(() -> s3.listBuckets())).isEqualTo("ServiceUnavailable");
			assertError(
					SocketHttp.send(vStorage.url(), "GET", "/", null, "Authorization", "AWS4-HMAC-SHA256 Credential="
							+ key.id() + "/"
							+ java.time.LocalDate.now(java.time.ZoneOffset.UTC)
								.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
							+ "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64),
							"x-amz-date",
							java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
								.withZone(java.time.ZoneOffset.UTC)
								.format(java.time.Instant.now()),
							"x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
					503, "ServiceUnavailable");
		}
	}

	@Test
	void aDisabledOrRemovedKeyIsAnInvalidAccessKeyIdOnceItsAnswerExpires() throws Exception {
		StubSigningKeys.AccessKey key = tessera.add("53461",
				List.of(StubSigningKeys.statement("vstorage:*", "crn:vstorage:53461:*")));
		tessera.maxAgeSeconds(1);
		try (StubSigningKeys.RunningVStorage vStorage = tessera.startVStorage();
				S3Client s3 = S3Clients.client(vStorage.url(), key)) {
			s3.listBuckets();
			tessera.remove(key);
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(VStorageSdkTests.code(() -> s3.listBuckets()))
					.isEqualTo("InvalidAccessKeyId"));
		}
		finally {
			tessera.maxAgeSeconds(5);
		}
	}

	private static SigningKeyClient client(String issuer, String secret) {
		return new SigningKeyClient(URI.create(issuer), "vstorage", secret, Duration.ofSeconds(2));
	}

}
