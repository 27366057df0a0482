package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeSnapshot;
import java.util.Set;

/**
 * A pair that already has a verdict, remembered in full for a while to recognise duplicates and late
 * arrivals; afterwards only its key is remembered (a {@link SeenPair}) until the duplicate horizon.
 *
 * @param verdict        the current verdict, without the normalized outcomes (they are on the verdict topic)
 * @param arrivedSides   the sides that have arrived (none for an {@code UNANSWERED} verdict)
 * @param waiting        for a {@code MISSING_*} verdict: the side that did arrive, kept until the grace
 *                       ends so a late counterpart can still be compared; otherwise {@code null}
 * @param graceUntilMs   until when (event time: the counterpart's answer) a late counterpart supersedes a
 *                       {@code MISSING_*} verdict
 * @param retainUntilMs  when (event time) this entry is reduced to its key
 * @param shadowExpected {@code false} for an intent sampling left out (only for {@code UNANSWERED})
 */
record DecidedPair(Verdict verdict, Set<Side> arrivedSides, OutcomeSnapshot waiting, long graceUntilMs,
        long retainUntilMs, boolean shadowExpected) implements PairState {

    static final char STAGE = 'D';

    @Override
    public char stage() {
        return STAGE;
    }
}
