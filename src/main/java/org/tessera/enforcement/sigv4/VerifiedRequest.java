package org.tessera.enforcement.sigv4;

import java.io.InputStream;
import java.util.Objects;

/**
 * A request whose signature is verified: who signed it, and its body as the object's
 * bytes (an {@code aws-chunked} body decoded), which verifies the signed payload hash,
 * chunk signatures and checksums as it is read and throws {@link SigV4Exception} at its
 * end if they fail.
 *
 * @param principal the access key's owner
 * @param body the decoded, verifying body
 * @param contentLength the decoded body's length, or -1 when unknown
 */
public record VerifiedRequest(SigV4Principal principal, InputStream body, long contentLength) {

	public VerifiedRequest {
		Objects.requireNonNull(principal, "principal");
		Objects.requireNonNull(body, "body");
	}

}
