/**
 * Kafka consumer lag of every consumer group (the Kafka Streams correlation included) and the size of
 * every dead-letter topic, read through the Kafka admin API and exposed as gauges.
 */
package dev.parallelrun.reconciliation.ops.lag;
