/**
 * The anti-corruption layer's pricing model: the legacy quote transaction's wire records in the legacy platform's own
 * terms, and the translation between them and the canonical pricing contracts (segment and option codes, the
 * overloaded {@code STATUS}, tax codes, discount reason codes, the fixed-width promotion field, string amounts).
 * Plain Java, no framework types. The money format, failure reasons and the unreadable-answer signal are
 * {@code dev.parallelrun.adapter.shared.domain}'s: a legacy call reads and fails the same way whichever transaction it
 * carries.
 */
package dev.parallelrun.adapter.pricing.domain;
