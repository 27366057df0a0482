package dev.parallelrun.reconciliation.correlation;

/**
 * An accepted intent waiting for any outcome of one type from either side, until {@code deadlineMs}
 * (event time: when the intent was accepted plus window and grace); then it is {@code UNANSWERED}.
 *
 * @param intentId       the intent event's id, which both sides' outcomes name as their causation id
 * @param shadowExpected {@code false} when the intent carries {@code sampled = false}
 * @param replayId       the replay the intent belongs to, {@code null} for live traffic
 */
record ExpectedOutcome(String intentId, String context, long deadlineMs, boolean shadowExpected, String replayId)
        implements PairState {

    static final char STAGE = 'U';

    @Override
    public char stage() {
        return STAGE;
    }
}
