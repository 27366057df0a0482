package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.CaseCount;
import java.time.Instant;
import java.util.List;

/** The divergence cases' append-only history (read only). */
public interface CaseHistory {

    /**
     * The context's cases that were opened or changed in {@code [from, to)}, or open at {@code from}, counted by their
     * state and category at {@code to}: from history entries before {@code to} only, so that a closed period's counts
     * never change.
     */
    List<CaseCount> countsAtEnd(String context, Instant from, Instant to);
}
