package dev.parallelrun.legacysystem.pricing.domain;

import java.util.function.Supplier;

/**
 * The pricing transaction's idempotency on {@code REQ_KEY}: every request with a key is counted, durably, and the
 * first quote priced for a key is remembered and answered again for every repeat, quote reference included, even
 * after a restart.
 */
public interface QuoteJournal {

    /** How often a key was received, and whether a quote was priced for it (0 or 1). */
    record Usage(int calls, int quotes) {
    }

    /** A quote and whether it is a replay of an earlier one. */
    record Replayable(LegacyQuote quote, boolean replayed) {
    }

    /** Counts a request carrying this key, whatever its result. */
    void recordCall(String reqKey);

    /** The remembered quote for the key, or a new one, remembered from now on. Concurrent requests get one quote. */
    Replayable quoteOnce(String reqKey, Supplier<LegacyQuote> price);

    /** How often a key was received and priced. */
    Usage usage(String reqKey);
}
