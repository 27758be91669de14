package org.tessera.serviceaccount;

/**
 * An access key just created, with its secret: the only time the secret leaves Tessera.
 */
public record CreatedAccessKey(AccessKey key, String secretAccessKey) {

	@Override
	public String toString() {
		return "CreatedAccessKey[" + this.key.id() + ", secret=<hidden>]";
	}

}
