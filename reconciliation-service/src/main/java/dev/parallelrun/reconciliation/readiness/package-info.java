/**
 * Readiness: whether a context's evidence supports moving authority one step further, from the targets in its rule
 * set's {@code readiness:} section, evaluated over the stored verdicts.
 */
package dev.parallelrun.reconciliation.readiness;
