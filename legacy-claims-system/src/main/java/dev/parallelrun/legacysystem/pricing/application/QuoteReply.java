package dev.parallelrun.legacysystem.pricing.application;

import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;

/** What the pricing transaction answers to one request. */
public sealed interface QuoteReply {

    /** The platform priced (or declined) the quote, or replayed its earlier answer for the same request key. */
    record Answered(LegacyQuote quote) implements QuoteReply {
    }

    /** The request cannot be priced as sent; {@code problem} says why, in the legacy's words. */
    record Invalid(String problem) implements QuoteReply {
    }

    /** The platform failed technically; the caller may retry. */
    record SystemError(String message) implements QuoteReply {
    }
}
