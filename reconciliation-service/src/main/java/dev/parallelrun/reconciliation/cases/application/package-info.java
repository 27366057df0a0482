/**
 * The use cases of divergence cases: following verdicts up as they are stored ({@link
 * dev.parallelrun.reconciliation.cases.application.CaseFollowUp}), reading and transitioning cases one by one or in
 * bulk ({@link dev.parallelrun.reconciliation.cases.application.Cases}), the case gauges; the port {@link
 * dev.parallelrun.reconciliation.cases.application.CaseStore} to PostgreSQL.
 */
package dev.parallelrun.reconciliation.cases.application;
