/**
 * What the servers measure for the operator, published by Micrometer at
 * {@code /actuator/prometheus} on the management port: the token endpoint's requests by
 * grant type and outcome with a latency histogram (here), and, where they happen, audit
 * decisions, throttle refusals and cache hits and misses. Spring's own per-request
 * observations are off: they would time and tag every request twice.
 */
package org.tessera.metrics;
