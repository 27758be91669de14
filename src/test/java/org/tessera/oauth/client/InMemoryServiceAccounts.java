package org.tessera.oauth.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tessera.serviceaccount.ClientSecret;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.serviceaccount.ServiceAccountKey;

/**
 * Service accounts, their secrets and their keys held in maps, as the token side sees
 * them: a fake of the directory for provider tests without a database.
 */
final class InMemoryServiceAccounts implements ServiceAccountDirectory {

	private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();

	private final Map<String, List<ClientSecret>> secrets = new HashMap<>();

	private final Map<String, List<ServiceAccountKey>> keys = new HashMap<>();

	void add(ServiceAccount sa) {
		this.serviceAccounts.put(sa.id(), sa);
	}

	void addSecret(ClientSecret secret) {
		this.secrets.computeIfAbsent(secret.serviceAccountId(), (id) -> new ArrayList<>()).add(secret);
	}

	void addKey(ServiceAccountKey key) {
		this.keys.computeIfAbsent(key.serviceAccountId(), (id) -> new ArrayList<>()).add(key);
	}

	@Override
	public Optional<ServiceAccount> find(String saId) {
		return Optional.ofNullable(this.serviceAccounts.get(saId));
	}

	@Override
	public List<ClientSecret> secretsOf(String saId) {
		return List.copyOf(this.secrets.getOrDefault(saId, List.of()));
	}

	@Override
	public List<ServiceAccountKey> keysOf(String saId) {
		return List.copyOf(this.keys.getOrDefault(saId, List.of()));
	}

}
