/** When the correlation decides: matching window and late grace per context, the duplicate horizon. No Spring, no Kafka. */
package dev.parallelrun.reconciliation.correlation.domain;
