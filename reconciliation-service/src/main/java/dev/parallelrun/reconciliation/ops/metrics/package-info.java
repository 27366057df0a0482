/**
 * Business metrics of the parallel run for ops dashboards and alerts: the match rate per context and
 * outcome type (from the verdict store, over a window, against a target), verdicts decided by
 * classification and agreement, and the time from the second outcome's arrival to the verdict.
 * Labels are bounded: context, outcome type, classification, agreement; never a correlation id.
 */
package dev.parallelrun.reconciliation.ops.metrics;
