package org.tessera.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4's signing key of one day, region and service:
 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}.
 * It signs only requests of that scope, so handing it to a storage service lends that
 * service one day of one region and service, never the secret.
 */
final class SigV4SigningKey {

	private SigV4SigningKey() {
	}

	/** The key, in lowercase hex. */
	static String derive(String secret, SigningScope scope) {
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
		key = hmac(key, scope.region());
		key = hmac(key, scope.service());
		key = hmac(key, "aws4_request");
		return HexFormat.of().formatHex(key);
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from the JDK", ex);
		}
	}

}
