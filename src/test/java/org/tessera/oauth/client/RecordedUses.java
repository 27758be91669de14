package org.tessera.oauth.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tessera.serviceaccount.CredentialUses;

/** The uses a provider noted, as "secret saId/secretId@time" or "key saId/keyId@time". */
final class RecordedUses implements CredentialUses {

	final List<String> uses = new ArrayList<>();

	@Override
	public void secretUsed(String serviceAccountId, String secretId, Instant at) {
		this.uses.add("secret " + serviceAccountId + "/" + secretId + "@" + at);
	}

	@Override
	public void keyUsed(String serviceAccountId, String keyId, Instant at) {
		this.uses.add("key " + serviceAccountId + "/" + keyId + "@" + at);
	}

}
