package dev.parallelrun.legacysystem.claims.domain;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The legacy platform's idempotency on {@code REQ_KEY}: the first decision for a key is remembered, durably, and
 * returned for every repeat, so a retried request is never decided (and booked) twice, not even after a restart.
 * Also counts calls, decisions and simulations per key, so tests can prove that a caller did not call twice.
 *
 * <p>A simulated request ({@code MODE=SIMULATE}) is counted, never remembered: the key stays free for the real one.
 */
public interface RequestJournal {

    /**
     * How often a key was received, how often a request with it was decided (booked), and how many of the calls were
     * simulations.
     */
    record Usage(int calls, int decisions, int simulations) {
    }

    /** A decision and whether it is a replay of an earlier one. */
    record Replayable(LegacyDecision decision, boolean replayed) {
    }

    /** Counts a request carrying this key, whatever its result. */
    void recordCall(String reqKey);

    /** Counts a simulated request carrying this key, whatever its result; remembers nothing for the key. */
    void recordSimulation(String reqKey);

    /** The decision remembered for the key by a real request, if any; decides nothing. */
    Optional<LegacyDecision> remembered(String reqKey);

    /**
     * The remembered decision for the key, or a new one, remembered and booked from now on and, if it
     * {@linkplain LegacyDecision#posts() posts}, posted with its decision letter, in one transaction. Concurrent
     * requests with one key get one decision.
     */
    Replayable decideOnce(String reqKey, Supplier<LegacyDecision> decide);

    /** How often a key was received, decided and simulated. */
    Usage usage(String reqKey);
}
