package dev.parallelrun.reconciliation.correlation;

/**
 * Where one pair (correlation id, outcome type) is in its life, in the correlation's one pair store: an intent waits for
 * an answer ({@link ExpectedOutcome}), the first side waits for its counterpart ({@link PendingOutcome}), the pair has a
 * verdict ({@link DecidedPair}), only its key is kept as a duplicate guard ({@link SeenPair}). A pair is in exactly one
 * stage at a time, so one lookup answers what the four stores this replaced needed up to four for.
 */
sealed interface PairState permits ExpectedOutcome, PendingOutcome, DecidedPair, SeenPair {

    /** The stage's letter, the same as its deadline's kind in the {@link DeadlineIndex}. */
    char stage();
}
