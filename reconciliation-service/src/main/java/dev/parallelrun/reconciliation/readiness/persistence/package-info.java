/**
 * The verdict aggregations readiness needs beyond the match-rate counts: per hour, per cohort, critical, variances,
 * each side's latency.
 */
package dev.parallelrun.reconciliation.readiness.persistence;
