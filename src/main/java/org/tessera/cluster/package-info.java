/**
 * What the nodes sharing one database tell each other. A node that changes something
 * another node caches (a service account, a principal's statements, a revocation, a
 * throttle's count) publishes it on the {@link org.tessera.cluster.ClusterChannel}; every
 * other node hears it through the {@link org.tessera.cluster.ClusterListener} of that
 * topic within a second. On PostgreSQL the channel is {@code LISTEN/NOTIFY}; on H2, which
 * one process owns, there are no other nodes and the channel carries nothing. Jobs that
 * must run on one node at a time take a {@link org.tessera.cluster.ClusterLock}.
 */
package org.tessera.cluster;
