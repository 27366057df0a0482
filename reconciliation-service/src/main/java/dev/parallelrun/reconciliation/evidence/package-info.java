/**
 * The cutover evidence pack: everything an auditor needs to judge a context's move of authority over a period
 * (readiness evaluations, hourly match rates, classification x severity, rule sets and their accepted variances,
 * authority decisions), fixed by a SHA-256 digest of its canonical JSON so that a sign-off names exactly what was
 * signed, and the sign-offs themselves (append-only). The format and the digest: docs/evidence.md.
 */
package dev.parallelrun.reconciliation.evidence;
