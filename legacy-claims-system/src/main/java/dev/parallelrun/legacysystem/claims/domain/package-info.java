/**
 * The legacy platform's business rules in its own terms: integer cents, half-up rounding, the
 * overloaded {@code STATUS} code, single reason codes, numeric ledger accounts. Plain Java, no
 * framework types.
 */
package dev.parallelrun.legacysystem.claims.domain;
