package org.tessera.enforcement.sigv4;

/**
 * A request refused while its AWS Signature Version 4 was checked, with the S3 error code
 * and HTTP status a client of an S3-compatible service expects (e.g.
 * {@code SignatureDoesNotMatch}, 403). The message is for the client and never holds a
 * signature, a key or a secret.
 */
public class SigV4Exception extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final int status;

	public SigV4Exception(String code, int status, String message) {
		super(message);
		this.code = code;
		this.status = status;
	}

	/** The S3 error code, e.g. {@code InvalidAccessKeyId}. */
	public String code() {
		return this.code;
	}

	/** The HTTP status of the refusal, e.g. 403. */
	public int status() {
		return this.status;
	}

	static SigV4Exception signatureDoesNotMatch() {
		return new SigV4Exception("SignatureDoesNotMatch", 403,
				"The request signature we calculated does not match the signature you provided. "
						+ "Check your key and signing method.");
	}

	static SigV4Exception malformedHeader(String message) {
		return new SigV4Exception("AuthorizationHeaderMalformed", 400, message);
	}

	static SigV4Exception malformedQuery(String message) {
		return new SigV4Exception("AuthorizationQueryParametersError", 400, message);
	}

	static SigV4Exception accessDenied(String message) {
		return new SigV4Exception("AccessDenied", 403, message);
	}

	static SigV4Exception invalidRequest(String message) {
		return new SigV4Exception("InvalidRequest", 400, message);
	}

	static SigV4Exception incompleteBody(String message) {
		return new SigV4Exception("IncompleteBody", 400, message);
	}

}
