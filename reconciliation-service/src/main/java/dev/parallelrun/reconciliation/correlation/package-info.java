/** Correlation of the two sides' outcomes with Kafka Streams: the topology, its processor and state. */
package dev.parallelrun.reconciliation.correlation;
