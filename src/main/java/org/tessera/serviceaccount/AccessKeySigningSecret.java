package org.tessera.serviceaccount;

/**
 * What a storage service's signing key is derived from: an active access key of an active
 * service account, and the key's secret, opened from its sealed form only for that
 * derivation and never answered.
 */
public record AccessKeySigningSecret(AccessKey key, ServiceAccount serviceAccount, String secret) {

	@Override
	public String toString() {
		return "AccessKeySigningSecret[" + this.key.id() + ", secret=<hidden>]";
	}

}
