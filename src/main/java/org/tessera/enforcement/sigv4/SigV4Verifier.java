package org.tessera.enforcement.sigv4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the AWS Signature Version 4 of a servlet request, in the header form
 * ({@code Authorization: AWS4-HMAC-SHA256 ...}) or as a presigned URL, as S3 does, with
 * signing keys from the authorization server ({@link SigningKeyClient}) so that no secret
 * is ever held here. The steps: read the claimed signature, check its time (15 minutes of
 * skew; a presigned URL until it expires), find the access key's signing key, rebuild the
 * canonical request and string to sign and compare signatures in constant time, then wrap
 * the body so that its payload hash, chunk signatures and checksums are verified as it is
 * read. Storage-service agnostic: any service name in the scope is accepted if the
 * authorization server derives a key for it. Thread-safe.
 */
public class SigV4Verifier {

	private static final Logger log = LoggerFactory.getLogger(SigV4Verifier.class);

	/** The largest difference between the signing time and now. */
	public static final Duration MAXIMUM_SKEW = Duration.ofMinutes(15);

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

	private static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

	private static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

	private final SigningKeyClient signingKeys;

	private final Clock clock;

	public SigV4Verifier(SigningKeyClient signingKeys, Clock clock) {
		this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Verifies the request's signature and returns its signer and verifying body.
	 * @param parameters the request's decoded query parameters
	 * @throws SigV4Exception if the request is not correctly signed by a known key
	 * @throws SigningKeyUnavailableException if the authorization server cannot be asked
	 */
	public VerifiedRequest verify(HttpServletRequest request, List<QueryParameter> parameters) throws IOException {
		SigV4Authorization authorization = readAuthorization(request, parameters);
		checkSigningTime(authorization);
		SigningKey key = findSigningKey(authorization.scope());
		String payloadHash = payloadHash(request, authorization);
		String canonicalRequest = null;
		for (String path : canonicalPaths(request.getRequestURI())) {
			canonicalRequest = CanonicalRequest.of(request.getMethod(), path, parameters,
					(name) -> headerValues(request, name), authorization.signedHeaders(), payloadHash);
			String stringToSign = SigV4Authorization.ALGORITHM + "\n" + authorization.amzDate() + "\n"
					+ key.scope().scope() + "\n" + Hex.sha256(canonicalRequest);
			if (Hmac.sameSignature(key.sign(stringToSign), authorization.signature())) {
				return body(request, key, authorization, payloadHash);
			}
		}
		log.debug("Signature mismatch for access key {}; canonical request:\n{}", key.scope().accessKeyId(),
				canonicalRequest);
		throw SigV4Exception.signatureDoesNotMatch();
	}

	/**
	 * Step 4's canonical URI: the path exactly as sent, and, when it differs, the path
	 * decoded and encoded again as S3 canonicalises it (every byte but the unreserved
	 * characters and {@code /} as {@code %XY}). The AWS SDK for Java signs a key's
	 * {@code //} as it is but sends {@code /%2F}; S3 accepts both.
	 */
	static List<String> canonicalPaths(String rawPath) {
		String path = rawPath.isEmpty() ? "/" : rawPath;
		String reencoded;
		try {
			reencoded = QueryParameter.encode(QueryParameter.decode(path)).replace("%2F", "/");
		}
		catch (IllegalArgumentException ex) {
			return List.of(path);
		}
		return reencoded.equals(path) ? List.of(path) : List.of(path, reencoded);
	}

	/** Step 1: the header form or the presigned form, exactly one of them. */
	private static SigV4Authorization readAuthorization(HttpServletRequest request, List<QueryParameter> parameters) {
		String header = request.getHeader("Authorization");
		boolean presigned = parameters.stream()
			.anyMatch((p) -> p.name().equals("X-Amz-Algorithm") || p.name().equals("X-Amz-Signature")
					|| p.name().equals("X-Amz-Credential"));
		if (header != null && presigned) {
			throw new SigV4Exception("InvalidArgument", 400, "Only one auth mechanism allowed");
		}
		if (header != null) {
			if (Collections.list(request.getHeaders("Authorization")).size() != 1) {
				throw SigV4Exception.malformedHeader("Only one Authorization header is allowed.");
			}
			return SigV4Authorization.fromHeader(header, request.getHeader("x-amz-date"));
		}
		if (presigned) {
			return SigV4Authorization.fromQuery((name) -> single(parameters, name));
		}
		throw SigV4Exception.accessDenied("Access Denied");
	}

	private static String single(List<QueryParameter> parameters, String name) {
		String value = null;
		for (QueryParameter parameter : parameters) {
			if (parameter.name().equals(name)) {
				if (value != null) {
					throw SigV4Exception.malformedQuery(name + " must be given once.");
				}
				value = parameter.value();
			}
		}
		return value;
	}

	/**
	 * Step 2: the scope's date is the signing day; a header signature is at most
	 * {@link #MAXIMUM_SKEW} away from now; a presigned URL is used between its signing
	 * time (less the skew) and its expiry.
	 */
	private void checkSigningTime(SigV4Authorization authorization) {
		if (!authorization.amzDate().startsWith(authorization.scope().date())) {
			String message = "The credential date does not match the signing date.";
			throw authorization.presigned() ? SigV4Exception.malformedQuery(message)
					: SigV4Exception.malformedHeader(message);
		}
		Instant now = this.clock.instant();
		Instant signedAt = authorization.signedAt();
		if (authorization.presigned()) {
			if (now.isAfter(signedAt.plus(authorization.expires()))) {
				throw SigV4Exception.accessDenied("Request has expired");
			}
			if (now.isBefore(signedAt.minus(MAXIMUM_SKEW))) {
				throw SigV4Exception.accessDenied("Request is not valid yet");
			}
		}
		else if (Duration.between(signedAt, now).abs().compareTo(MAXIMUM_SKEW) > 0) {
			throw new SigV4Exception("RequestTimeTooSkewed", 403,
					"The difference between the request time and the current time is too large.");
		}
	}

	/** Step 3: the signing key, from the authorization server or its cache. */
	private SigningKey findSigningKey(CredentialScope scope) {
		return this.signingKeys.find(scope)
			.orElseThrow(() -> new SigV4Exception("InvalidAccessKeyId", 403,
					"The AWS Access Key Id you provided does not exist in our records."));
	}

	/**
	 * The payload hash the canonical request ends with: the {@code x-amz-content-sha256}
	 * header, which the header form needs, or {@code UNSIGNED-PAYLOAD} for a presigned
	 * URL without it.
	 */
	private static String payloadHash(HttpServletRequest request, SigV4Authorization authorization) {
		String hash = request.getHeader("x-amz-content-sha256");
		if (hash == null) {
			if (authorization.presigned()) {
				return UNSIGNED_PAYLOAD;
			}
			throw SigV4Exception.invalidRequest("Missing required header for this request: x-amz-content-sha256");
		}
		if (!Hex.isLowercaseSha256(hash) && !hash.equals(UNSIGNED_PAYLOAD) && !hash.equals(STREAMING_SIGNED)
				&& !hash.equals(STREAMING_SIGNED_TRAILER) && !hash.equals(STREAMING_UNSIGNED_TRAILER)) {
			throw new SigV4Exception("InvalidArgument", 400,
					"x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
							+ "STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER), STREAMING-UNSIGNED-PAYLOAD-TRAILER "
							+ "or a valid lowercase sha256 value.");
		}
		return hash;
	}

	/** Step 5: the body, decoded and verifying. */
	private static VerifiedRequest body(HttpServletRequest request, SigningKey key, SigV4Authorization authorization,
			String payloadHash) throws IOException {
		InputStream raw = request.getInputStream();
		if (!payloadHash.startsWith("STREAMING-")) {
			FlexibleChecksum checksum = headerChecksum(request);
			InputStream body = new VerifyingInputStream(raw,
					payloadHash.equals(UNSIGNED_PAYLOAD) ? null : Hex.decode(payloadHash), checksum,
					(checksum != null) ? request.getHeader(checksum.header()) : null);
			return new VerifiedRequest(key.principal(), body, request.getContentLengthLong());
		}
		long decodedLength = decodedLength(request);
		boolean trailer = payloadHash.endsWith("-TRAILER");
		FlexibleChecksum checksum = null;
		if (trailer) {
			String name = request.getHeader("x-amz-trailer");
			if (name == null) {
				throw SigV4Exception.invalidRequest("A trailing payload needs the x-amz-trailer header.");
			}
			checksum = FlexibleChecksum.forHeader(name.strip());
		}
		else if (headerChecksum(request) != null) {
			throw SigV4Exception.invalidRequest("A signed streaming body takes no checksum header.");
		}
		ChunkSignatures signatures = payloadHash.equals(STREAMING_UNSIGNED_TRAILER) ? null
				: new ChunkSignatures(key, authorization.amzDate(), authorization.signature());
		InputStream body = new AwsChunkedInputStream(new BufferedInputStream(raw, 16 * 1024), signatures, trailer,
				checksum, decodedLength);
		return new VerifiedRequest(key.principal(), body, decodedLength);
	}

	private static long decodedLength(HttpServletRequest request) {
		String value = request.getHeader("x-amz-decoded-content-length");
		if (value == null) {
			throw new SigV4Exception("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
		}
		try {
			long length = Long.parseLong(value.strip());
			if (length < 0) {
				throw new NumberFormatException();
			}
			return length;
		}
		catch (NumberFormatException ex) {
			throw new SigV4Exception("InvalidArgument", 400, "x-amz-decoded-content-length is not a number.");
		}
	}

	/** The flexible checksum header of a body that is not chunked, if one is given. */
	private static FlexibleChecksum headerChecksum(HttpServletRequest request) {
		FlexibleChecksum found = null;
		for (String name : Collections.list(request.getHeaderNames())) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("x-amz-checksum-") && !lower.equals("x-amz-checksum-type")
					&& !lower.equals("x-amz-checksum-algorithm")) {
				FlexibleChecksum checksum = FlexibleChecksum.forHeader(lower);
				if (checksum != null) {
					found = checksum;
				}
			}
		}
		return found;
	}

	private static List<String> headerValues(HttpServletRequest request, String name) {
		return Collections.list(request.getHeaders(name));
	}

}
