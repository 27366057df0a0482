/**
 * The anti-corruption layer's model: the legacy wire records in the legacy platform's own terms,
 * and the translation between them and the canonical claims contracts (status codes, reason codes,
 * accounts, amounts). Plain Java, no framework types.
 */
package dev.parallelrun.adapter.claims.domain;
