package org.tessera.enforcement.sigv4;

/**
 * The credential scope of a SigV4 signature,
 * {@code <date>/<region>/<service>/aws4_request}, with the access key it is for: what a
 * per-day signing key is derived for, and so the key of the signing-key cache. Validated
 * at construction so that nothing malformed reaches the authorization server.
 *
 * @param accessKeyId the access key id, 1 to 128 characters of {@code [A-Za-z0-9_-]}
 * @param date the day, {@code yyyyMMdd}
 * @param region e.g. {@code us-east-1}, {@code [a-z0-9-]}, 1 to 64 characters
 * @param service e.g. {@code s3}, {@code [a-z0-9-]}, 1 to 64 characters
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

	/** The last element of every SigV4 credential scope. */
	public static final String TERMINATOR = "aws4_request";

	/**
	 * @throws IllegalArgumentException if a part breaks the rules above
	 */
	public CredentialScope {
		if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128
				|| !allMatch(accessKeyId, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")) {
			throw new IllegalArgumentException("the access key id is malformed");
		}
		if (date == null || date.length() != 8 || !allMatch(date, "0123456789")) {
			throw new IllegalArgumentException("the credential date must be yyyyMMdd");
		}
		if (!isName(region) || !isName(service)) {
			throw new IllegalArgumentException("the credential region and service must match [a-z0-9-]{1,64}");
		}
	}

	/** {@code <date>/<region>/<service>/aws4_request}, as signed in a string to sign. */
	public String scope() {
		return this.date + "/" + this.region + "/" + this.service + "/" + TERMINATOR;
	}

	private static boolean isName(String value) {
		return value != null && !value.isEmpty() && value.length() <= 64
				&& allMatch(value, "abcdefghijklmnopqrstuvwxyz0123456789-");
	}

	private static boolean allMatch(String value, String allowed) {
		for (int i = 0; i < value.length(); i++) {
			if (allowed.indexOf(value.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

}
