package org.tessera.cluster;

/** The channel and the lock of one database, which one object provides. */
interface Cluster extends ClusterChannel, ClusterLock {

}
