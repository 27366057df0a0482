/**
 * Verdicts: what a pair of outcomes amounts to ({@code domain}: comparison and classification), the sink that
 * stores them from the verdict topic ({@code sink}), the store in PostgreSQL ({@code persistence}) and the
 * auditor and ops API over them ({@code web}).
 */
package dev.parallelrun.reconciliation.verdicts;
