/**
 * The authoritative stream ({@code outcomes.authoritative.v1}: the truth per correlation id and outcome type, once,
 * as soon as it is known) and the fallback (legacy executes for real when the authoritative new service failed or
 * did not answer within the window), both inside the correlation's exactly-once Kafka Streams topology; and the
 * authority metrics, counted from what was committed.
 */
package dev.parallelrun.reconciliation.correlation.authoritative;
