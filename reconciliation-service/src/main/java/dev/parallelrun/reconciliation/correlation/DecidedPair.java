package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.domain.OutcomeSnapshot;
import java.util.Set;

/**
 * A pair that already has a verdict, remembered to recognise duplicates and late arrivals.
 *
 * @param verdict        the current verdict, without the normalized outcomes (they are on the verdict topic)
 * @param arrivedSides   the sides that have arrived
 * @param waiting        for a {@code MISSING_*} verdict: the side that did arrive, kept until the grace
 *                       ends so a late counterpart can still be compared; otherwise {@code null}
 * @param graceUntilMs   until when a late counterpart supersedes a {@code MISSING_*} verdict
 * @param retainUntilMs  when this entry is forgotten
 */
record DecidedPair(Verdict verdict, Set<Side> arrivedSides, OutcomeSnapshot waiting, long graceUntilMs,
        long retainUntilMs) {
}
