package dev.parallelrun.reconciliation.verdicts.domain;

/**
 * The match rate a context and outcome type must reach, as the match-rate API reports it next to the rate. The
 * comparison rules decide it (their readiness targets), as they decide comparisons ({@link OutcomeComparator}).
 */
public interface MatchRateTarget {

    /** The target, 0..1. */
    double targetOf(String context, String outcomeType);
}
