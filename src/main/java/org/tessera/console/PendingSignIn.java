package org.tessera.console;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A sign-in the console started and the authorization endpoint has not yet answered: the
 * {@code state} that ties the answer to this browser (RFC 6749 section 10.12) and the
 * PKCE verifier (RFC 7636) that only this server knows, both 256 bits.
 */
record PendingSignIn(String state, String verifier) implements Serializable {

	static final String ATTRIBUTE = PendingSignIn.class.getName();

	private static final SecureRandom RANDOM = new SecureRandom();

	static PendingSignIn start() {
		return new PendingSignIn(random(), random());
	}

	/** The S256 code challenge of the verifier. */
	String challenge() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the state an answer carries is this sign-in's, compared in constant time.
	 */
	boolean isAnsweredBy(String answeredState) {
		return answeredState != null && MessageDigest.isEqual(this.state.getBytes(StandardCharsets.US_ASCII),
				answeredState.getBytes(StandardCharsets.US_ASCII));
	}

	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "PendingSignIn[…]";
	}

}
