/**
 * Assembling an evidence pack for a context and period from what the service stores (verdicts, rule sets,
 * authority decisions, sign-offs) and the readiness evaluator, and signing one: a signature is accepted only for the
 * digest of the pack as it is recomputed at the moment of signing.
 */
package dev.parallelrun.reconciliation.evidence.application;
