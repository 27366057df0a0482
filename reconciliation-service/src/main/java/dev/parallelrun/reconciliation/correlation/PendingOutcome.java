package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeSnapshot;

/**
 * The first side of a pair, waiting for its counterpart until {@code deadlineMs} (event time: when the
 * first side answered plus the window).
 *
 * @param shadowExpected {@code false} for an intent that sampling left out of the parallel run: a lone legacy
 *                       outcome then ends without a verdict instead of a false {@code MISSING_SHADOW}
 * @param supersedes     the {@code UNANSWERED} verdict this pair's verdict replaces, if any
 */
record PendingOutcome(OutcomeSnapshot snapshot, long deadlineMs, boolean shadowExpected, Verdict supersedes)
        implements PairState {

    static final char STAGE = 'P';

    @Override
    public char stage() {
        return STAGE;
    }
}
