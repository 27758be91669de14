package org.tessera.cluster;

/**
 * Runs a job on one node at a time: periodic jobs that every node schedules (the purge of
 * deleted service accounts, audit retention) but that must not run twice at once.
 */
public interface ClusterLock {

	/**
	 * Runs the job if no other node is running the job of this name, else skips it.
	 * @param job the job's name, the same on every node
	 * @param work what the job does
	 * @return whether this node ran it
	 */
	boolean runAlone(String job, Runnable work);

}
