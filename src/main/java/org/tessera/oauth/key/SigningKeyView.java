package org.tessera.oauth.key;

import java.time.Instant;

/**
 * What an operator sees of a signing key: never its private part. {@code state} is
 * {@code published} (not signing yet), {@code signing}, {@code retiring} (replaced, still
 * published while tokens it signed live) or {@code retired} (deleted at the next
 * maintenance).
 */
public record SigningKeyView(String kid, String algorithm, Instant createdAt, Instant activatesAt, String state) {

}
