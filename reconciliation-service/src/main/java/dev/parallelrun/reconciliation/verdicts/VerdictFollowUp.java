package dev.parallelrun.reconciliation.verdicts;

import dev.parallelrun.events.verdict.Verdict;
import java.util.List;

/**
 * Work that must happen with the storing of new verdicts, in the same database transaction: either both are stored or
 * neither, and a redelivered verdict (not new) triggers nothing twice. A port, so that the capabilities that follow
 * verdicts up (divergence cases) depend on verdicts and never the other way round.
 */
public interface VerdictFollowUp {

    /**
     * Called inside the transaction that stored them, while the pairs' locks are held.
     *
     * @param stored the verdicts that were new, live and replayed alike, in no particular order
     */
    void stored(List<Verdict> stored);
}
