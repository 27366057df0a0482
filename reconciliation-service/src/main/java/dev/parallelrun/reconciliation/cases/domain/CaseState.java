package dev.parallelrun.reconciliation.cases.domain;

/** Where a divergence case stands. The names are a contract (API, metrics, evidence pack). */
public enum CaseState {
    /** A disagreeing verdict nobody has looked at yet. */
    OPEN,
    /** Someone works on it. */
    ACKNOWLEDGED,
    /** Someone decided what it was (a {@link CaseCategory}). */
    RESOLVED,
    /** A later verdict of the pair agreed before anyone resolved it: set by reconciliation only. */
    SUPERSEDED;

    /** Whether the case still asks for work: open or acknowledged. */
    public boolean open() {
        return this == OPEN || this == ACKNOWLEDGED;
    }
}
