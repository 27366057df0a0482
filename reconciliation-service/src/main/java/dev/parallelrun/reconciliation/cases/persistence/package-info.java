/** Divergence cases and their append-only history in PostgreSQL (Flyway V10), and the case counts of the gauges. */
package dev.parallelrun.reconciliation.cases.persistence;
