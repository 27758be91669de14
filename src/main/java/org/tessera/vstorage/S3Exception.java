package org.tessera.vstorage;

/**
 * A refusal in S3's terms: the error code, HTTP status and message of an {@code <Error>}
 * answer (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
public class S3Exception extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final int status;

	S3Exception(String code, int status, String message) {
		super(message);
		this.code = code;
		this.status = status;
	}

	String code() {
		return this.code;
	}

	int status() {
		return this.status;
	}

	static S3Exception noSuchBucket() {
		return new S3Exception("NoSuchBucket", 404, "The specified bucket does not exist");
	}

	static S3Exception noSuchKey() {
		return new S3Exception("NoSuchKey", 404, "The specified key does not exist.");
	}

	static S3Exception invalidArgument(String message) {
		return new S3Exception("InvalidArgument", 400, message);
	}

	static S3Exception invalidRequest(String message) {
		return new S3Exception("InvalidRequest", 400, message);
	}

	static S3Exception malformedXml() {
		return new S3Exception("MalformedXML", 400,
				"The XML you provided was not well-formed or did not validate against our published schema.");
	}

	static S3Exception methodNotAllowed() {
		return new S3Exception("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
	}

	static S3Exception unsupported(String what) {
		return new S3Exception("InvalidRequest", 400, what + " is not supported by vStorage.");
	}

}
