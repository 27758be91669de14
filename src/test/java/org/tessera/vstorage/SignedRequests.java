package org.tessera.vstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tessera.support.Http;
import org.tessera.support.SocketHttp;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed by the AWS SDK's own SigV4 signer (so not by the code under test), with
 * a clock and payload mode of the test's choosing, sent over a plain socket so that the
 * test can tamper with any byte after signing.
 */
final class SignedRequests {

	private SignedRequests() {
	}

	/**
	 * A request signed in the header form.
	 * @param chunked whether the body is sent {@code aws-chunked} with signed chunks
	 */
	static Signed header(StubSigningKeys.AccessKey key, String base, String method, String pathAndQuery, byte[] body,
			Clock clock, boolean chunked) {
		return sign(key, base, method, pathAndQuery, body, clock, chunked, null, true);
	}

	/**
	 * A request signed in the header form with an unsigned {@code aws-chunked} body and a
	 * CRC32 trailer ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}), as the SDK sends over
	 * HTTPS.
	 */
	static Signed unsignedTrailer(StubSigningKeys.AccessKey key, String base, String method, String pathAndQuery,
			byte[] body) {
		return sign(key, base.replace("http://", "https://"), method, pathAndQuery, body, Clock.systemUTC(), true, null,
				false);
	}

	/**
	 * A presigned URL (path and query) valid for {@code expires} from the clock's now.
	 */
	static String presigned(StubSigningKeys.AccessKey key, String base, String method, String pathAndQuery, Clock clock,
			Duration expires) {
		return sign(key, base, method, pathAndQuery, null, clock, false, expires, false).pathAndQuery();
	}

	private static Signed sign(StubSigningKeys.AccessKey key, String base, String method, String pathAndQuery,
			byte[] body, Clock clock, boolean chunked, Duration expires, boolean payloadSigning) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(method))
			.uri(URI.create(base + pathAndQuery))
			.build();
		if (body != null) {
			request = request.toBuilder().putHeader("Content-Length", Integer.toString(body.length)).build();
		}
		SdkHttpRequest unsigned = request;
		SignedRequest signed = AwsV4HttpSigner.create().sign((r) -> {
			r.identity(AwsCredentialsIdentity.create(key.id(), key.secret()))
				.request(unsigned)
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
				.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
				.putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
				.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
				.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
				.putProperty(HttpSigner.SIGNING_CLOCK, clock);
			if (body != null) {
				r.payload(ContentStreamProvider.fromByteArray(body));
			}
			if (chunked && !payloadSigning) {
				r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM,
						software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32);
			}
			if (expires != null) {
				r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
					.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
			}
		});
		List<String> headers = new ArrayList<>();
		signed.request().forEachHeader((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.equals("host") && !lower.equals("content-length")) {
				for (String value : values) {
					headers.add(name);
					headers.add(value);
				}
			}
		});
		URI uri = signed.request().getUri();
		String signedPathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		byte[] bytes = signed.payload().map(SignedRequests::read).orElse(body);
		return new Signed(signedPathAndQuery, bytes, headers.toArray(String[]::new));
	}

	private static byte[] read(ContentStreamProvider payload) {
		try (InputStream in = payload.newStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A signed request: its path and query, body (as sent) and headers (without Host and
	 * Content-Length, which the socket client adds).
	 */
	record Signed(String pathAndQuery, byte[] body, String[] headers) {

		Http.Response send(String base, String method) {
			return SocketHttp.send(base, method, this.pathAndQuery, this.body, this.headers);
		}

		Signed withBody(byte[] tampered) {
			return new Signed(this.pathAndQuery, tampered, this.headers);
		}

	}

}
