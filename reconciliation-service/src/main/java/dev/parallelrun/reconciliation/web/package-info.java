/**
 * What every part of the auditor and ops HTTP API shares: problem details for bad queries and missing
 * resources, per-user rate limits. The endpoints live with their part ({@code verdicts.web}, {@code rules.web}).
 */
package dev.parallelrun.reconciliation.web;
