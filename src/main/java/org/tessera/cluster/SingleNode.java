package org.tessera.cluster;

/**
 * The channel and lock of a database only this process uses (embedded H2): there is no
 * other node to tell, and no other node to exclude beyond this process's own runs, which
 * the scheduler already keeps apart.
 */
final class SingleNode implements Cluster {

	@Override
	public void publish(String topic, String key) {
	}

	@Override
	public void publishSoon(String topic, String key) {
	}

	@Override
	public boolean runAlone(String job, Runnable work) {
		work.run();
		return true;
	}

}
