/**
 * The anti-corruption layer's pricing model: the legacy quote transaction's wire records in the legacy platform's own
 * terms, and the translation between them and the canonical pricing contracts (segment and option codes, the
 * overloaded {@code STATUS}, tax codes, discount reason codes, the fixed-width promotion field, string amounts).
 * Plain Java, no framework types. Failure reasons and the unreadable-answer signal are the claims model's, shared
 * because a legacy call fails the same way whichever transaction it carries.
 */
package dev.parallelrun.adapter.pricing.domain;
