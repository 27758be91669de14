package org.tessera.cluster;

/**
 * Tells the other nodes of this database about a change to state they cache. A key is any
 * text without line breaks (service-account id, principal, token id, source address); it
 * reaches the {@link ClusterListener} of the same topic on every other node, never on
 * this one, which updates its own caches itself.
 */
public interface ClusterChannel {

	/**
	 * Tells the other nodes once the current transaction commits, or at once outside one:
	 * a change that rolls back is never announced, and one that commits always is.
	 * @param topic which state changed
	 * @param key which entry of it
	 */
	void publish(String topic, String key);

	/**
	 * Tells the other nodes within a fraction of a second, grouped with other news of the
	 * moment: for frequent events that belong to no transaction, such as a failed login
	 * counted by a throttle.
	 * @param topic which state changed
	 * @param key which entry of it
	 */
	void publishSoon(String topic, String key);

}
