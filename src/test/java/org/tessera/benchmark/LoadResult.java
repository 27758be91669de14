package org.tessera.benchmark;

/** What one load run measured: throughput, latency percentiles and failed requests. */
record LoadResult(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {
}
