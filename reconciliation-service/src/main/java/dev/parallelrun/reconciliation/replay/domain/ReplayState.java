package dev.parallelrun.reconciliation.replay.domain;

/** Where a replay or noise run stands. Only {@link #RUNNING} changes; the others are final. */
public enum ReplayState {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED
}
