package org.tessera.vstorage;

import java.time.Instant;

/**
 * A bucket of an account.
 *
 * @param name the bucket's name
 * @param created when it was created
 */
record Bucket(String name, Instant created) {
}
