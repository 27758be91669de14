package org.tessera.cluster;

/**
 * Hears what other nodes published under one topic. Each cache that other nodes can
 * change registers one, as a bean.
 */
public interface ClusterListener {

	/** The topic this listener hears. */
	String topic();

	/**
	 * Another node changed this entry.
	 * @param key as the other node published it
	 */
	void changed(String key);

	/**
	 * News may have been missed (the connection that hears them was lost and is back):
	 * drop or reload everything this listener's cache holds.
	 */
	void resynchronize();

}
