/** Comparison and classification: what a pair of outcomes amounts to, as a verdict. No Spring, no Kafka. */
package dev.parallelrun.reconciliation.verdicts.domain;
