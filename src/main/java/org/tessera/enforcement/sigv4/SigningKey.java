package org.tessera.enforcement.sigv4;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-day SigV4 signing key as the authorization server derived it
 * ({@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}),
 * with the principal that owns the access key and how long the answer may be reused. The
 * secret itself never leaves the authorization server; this key only verifies signatures
 * of its one scope.
 *
 * @param scope the access key and scope the key was derived for
 * @param key the 32 bytes of {@code kSigning}
 * @param principal the key's owner
 * @param maxAge how long the answer may be cached; zero means not at all
 */
public record SigningKey(CredentialScope scope, byte[] key, SigV4Principal principal, Duration maxAge) {

	public SigningKey {
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(principal, "principal");
		Objects.requireNonNull(maxAge, "maxAge");
		if (key == null || key.length != 32) {
			throw new IllegalArgumentException("a signing key has 32 bytes");
		}
		key = key.clone();
	}

	@Override
	public byte[] key() {
		return this.key.clone();
	}

	/** HMAC-SHA256 of {@code data} with this key, as lowercase hex. */
	String sign(String data) {
		return Hex.encode(Hmac.sha256(this.key, data));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SigningKey that && this.scope.equals(that.scope) && Arrays.equals(this.key, that.key)
				&& this.principal.equals(that.principal) && this.maxAge.equals(that.maxAge);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.scope, Arrays.hashCode(this.key), this.principal, this.maxAge);
	}

	@Override
	public String toString() {
		return "SigningKey[scope=" + this.scope + ", principal=" + this.principal.subject() + "]";
	}

}
