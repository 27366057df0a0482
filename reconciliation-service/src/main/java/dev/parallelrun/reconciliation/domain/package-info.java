/** Comparison and classification: what a pair of outcomes amounts to. No Spring, no Kafka. */
package dev.parallelrun.reconciliation.domain;
