package dev.parallelrun.reconciliation.correlation;

/**
 * A decided pair reduced to its key: a duplicate of either side is dropped, never decided again, until {@code untilMs}
 * (event time: the participants' redelivery horizon).
 */
record SeenPair(long untilMs) implements PairState {

    static final char STAGE = 'S';

    @Override
    public char stage() {
        return STAGE;
    }
}
