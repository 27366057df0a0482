/**
 * Authority: which side's side effects are real, per context, moved by admins through SHADOW, VALIDATED, SELECTIVE
 * (cohorts) and FULL on the evidence of readiness; an append-only decision log in PostgreSQL, published to the
 * compacted {@code authority.decisions.v1} from which the ingress stamps every intent.
 */
package dev.parallelrun.reconciliation.authority;
