package dev.parallelrun.legacysystem.claims.domain;

import java.util.function.Supplier;

/**
 * The legacy platform's idempotency on {@code REQ_KEY}: the first decision for a key is remembered, durably, and
 * returned for every repeat, so a retried request is never decided (and booked) twice, not even after a restart.
 * Also counts calls and decisions per key, so tests can prove that a caller did not call twice.
 */
public interface RequestJournal {

    /** How often a key was received, and how often a request with it was decided (booked). */
    record Usage(int calls, int decisions) {
    }

    /** A decision and whether it is a replay of an earlier one. */
    record Replayable(LegacyDecision decision, boolean replayed) {
    }

    /** Counts a request carrying this key, whatever its result. */
    void recordCall(String reqKey);

    /**
     * The remembered decision for the key, or a new one, remembered and booked from now on. Concurrent requests with
     * one key get one decision.
     */
    Replayable decideOnce(String reqKey, Supplier<LegacyDecision> decide);

    /** How often a key was received and decided. */
    Usage usage(String reqKey);
}
