package dev.parallelrun.legacysystem.pricing.domain;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pricing transaction's idempotency on {@code REQ_KEY}: every request with a key is counted, durably, and the
 * first quote priced for a key is remembered and answered again for every repeat, quote reference included, even
 * after a restart. A simulated request ({@code MODE=SIMULATE}) is counted, never remembered: the key stays free for the
 * real one.
 */
public interface QuoteJournal {

    /**
     * How often a key was received, whether a quote was priced for it (0 or 1), and how many of the calls were
     * simulations.
     */
    record Usage(int calls, int quotes, int simulations) {
    }

    /** A quote and whether it is a replay of an earlier one. */
    record Replayable(LegacyQuote quote, boolean replayed) {
    }

    /** Counts a request carrying this key, whatever its result. */
    void recordCall(String reqKey);

    /** Counts a simulated request carrying this key, whatever its result; remembers nothing for the key. */
    void recordSimulation(String reqKey);

    /** The quote remembered for the key by a real request, if any; prices nothing. */
    Optional<LegacyQuote> remembered(String reqKey);

    /**
     * The remembered quote for the key, or a new one, remembered from now on and, if it
     * {@linkplain LegacyQuote#posts() posts}, posted with its quote letter, in one transaction. Concurrent requests get
     * one quote.
     */
    Replayable quoteOnce(String reqKey, Supplier<LegacyQuote> price);

    /** How often a key was received and priced. */
    Usage usage(String reqKey);
}
