package org.tessera.enforcement.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a request claims about its SigV4 signature, read from the {@code Authorization}
 * header or from a presigned URL's {@code X-Amz-*} parameters, checked for form only.
 *
 * @param scope the access key and credential scope
 * @param amzDate the signing time as signed, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param signedAt the signing time
 * @param signedHeaders the lowercase names of the signed headers, sorted
 * @param signature the hex signature
 * @param presigned whether it came from the query string
 * @param expires how long a presigned URL is valid; zero for the header form
 */
public record SigV4Authorization(CredentialScope scope, String amzDate, Instant signedAt, List<String> signedHeaders,
		String signature, boolean presigned, Duration expires) {

	/** The only algorithm SigV4 over HMAC names. */
	public static final String ALGORITHM = "AWS4-HMAC-SHA256";

	/** The longest a presigned URL may be valid: seven days, as S3's. */
	public static final Duration MAXIMUM_EXPIRES = Duration.ofSeconds(604_800);

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

	private static final int MAXIMUM_SIGNED_HEADERS = 64;

	public SigV4Authorization {
		signedHeaders = List.copyOf(signedHeaders);
	}

	/**
	 * Reads
	 * {@code AWS4-HMAC-SHA256 Credential=<key>/<scope>, SignedHeaders=<a;b>, Signature=<hex>}.
	 * @param amzDate the {@code x-amz-date} header, or null
	 * @throws SigV4Exception if it is malformed
	 */
	static SigV4Authorization fromHeader(String header, String amzDate) {
		if (!header.startsWith(ALGORITHM + " ")) {
			throw new SigV4Exception("InvalidArgument", 400, "Unsupported Authorization Type");
		}
		Map<String, String> fields = new java.util.HashMap<>();
		for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
			String field = part.strip();
			int equals = field.indexOf('=');
			if (equals <= 0 || fields.put(field.substring(0, equals), field.substring(equals + 1)) != null) {
				throw SigV4Exception.malformedHeader("The authorization header is malformed.");
			}
		}
		Function<String, SigV4Exception> malformed = SigV4Exception::malformedHeader;
		String credential = fields.get("Credential");
		String signedHeaders = fields.get("SignedHeaders");
		String signature = fields.get("Signature");
		if (credential == null || signedHeaders == null || signature == null || fields.size() != 3) {
			throw malformed.apply("The authorization header is malformed; it must name exactly "
					+ "Credential, SignedHeaders and Signature.");
		}
		if (amzDate == null) {
			throw SigV4Exception.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
		}
		return new SigV4Authorization(scope(credential, malformed), amzDate, signingTime(amzDate, malformed),
				signedHeaders(signedHeaders, malformed), signature(signature, malformed), false, Duration.ZERO);
	}

	/**
	 * Reads the {@code X-Amz-*} parameters of a presigned URL.
	 * @param parameter the decoded value of a query parameter by name, or null
	 * @throws SigV4Exception if they are malformed
	 */
	static SigV4Authorization fromQuery(Function<String, String> parameter) {
		Function<String, SigV4Exception> malformed = SigV4Exception::malformedQuery;
		String algorithm = parameter.apply("X-Amz-Algorithm");
		String credential = parameter.apply("X-Amz-Credential");
		String amzDate = parameter.apply("X-Amz-Date");
		String expires = parameter.apply("X-Amz-Expires");
		String signedHeaders = parameter.apply("X-Amz-SignedHeaders");
		String signature = parameter.apply("X-Amz-Signature");
		if (!ALGORITHM.equals(algorithm)) {
			throw malformed.apply("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
		}
		if (credential == null || amzDate == null || expires == null || signedHeaders == null || signature == null) {
			throw malformed.apply("Query-string authentication version 4 requires the X-Amz-Algorithm, "
					+ "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
		}
		long seconds;
		try {
			seconds = (expires.length() > 10) ? -1 : Long.parseLong(expires);
		}
		catch (NumberFormatException ex) {
			seconds = -1;
		}
		if (seconds < 0 || !expires.chars().allMatch(Character::isDigit)) {
			throw malformed.apply("X-Amz-Expires should be a number");
		}
		if (seconds > MAXIMUM_EXPIRES.toSeconds()) {
			throw malformed.apply("X-Amz-Expires must be less than a week (in seconds) that is 604800");
		}
		return new SigV4Authorization(scope(credential, malformed), amzDate, signingTime(amzDate, malformed),
				signedHeaders(signedHeaders, malformed), signature(signature, malformed), true,
				Duration.ofSeconds(seconds));
	}

	private static CredentialScope scope(String credential, Function<String, SigV4Exception> malformed) {
		String[] parts = credential.split("/", -1);
		if (parts.length != 5 || !CredentialScope.TERMINATOR.equals(parts[4])) {
			throw malformed.apply("The credential must be <access key>/<date>/<region>/<service>/aws4_request.");
		}
		try {
			return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
		}
		catch (IllegalArgumentException ex) {
			throw malformed.apply("The credential is malformed: " + ex.getMessage() + ".");
		}
	}

	private static Instant signingTime(String amzDate, Function<String, SigV4Exception> malformed) {
		try {
			return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw malformed.apply("The signing date must be yyyyMMdd'T'HHmmss'Z'.");
		}
	}

	private static List<String> signedHeaders(String text, Function<String, SigV4Exception> malformed) {
		String[] names = text.split(";", -1);
		if (names.length > MAXIMUM_SIGNED_HEADERS) {
			throw malformed.apply("Too many signed headers.");
		}
		for (int i = 0; i < names.length; i++) {
			String name = names[i];
			if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.length() > 128
					|| !name.chars().allMatch((c) -> c > 32 && c < 127 && c != ':')
					|| (i > 0 && names[i - 1].compareTo(name) >= 0)) {
				throw malformed.apply("SignedHeaders must be sorted lowercase header names separated by ';'.");
			}
		}
		if (Arrays.binarySearch(names, "host") < 0) {
			throw malformed.apply("The host header must be signed.");
		}
		return List.of(names);
	}

	private static String signature(String signature, Function<String, SigV4Exception> malformed) {
		if (!Hex.isLowercaseSha256(signature)) {
			throw malformed.apply("The signature must be 64 lowercase hex digits.");
		}
		return signature;
	}

}
