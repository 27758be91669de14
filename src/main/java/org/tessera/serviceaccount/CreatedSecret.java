package org.tessera.serviceaccount;

/**
 * A secret just created, with the service account it belongs to: its value is shown this
 * once and never stored, so it never appears in {@link #toString()}.
 */
public record CreatedSecret(ServiceAccount serviceAccount, String secretId, String clientSecret) {

	@Override
	public String toString() {
		return "CreatedSecret[" + this.serviceAccount.id() + ", secret=<hidden>]";
	}

}
