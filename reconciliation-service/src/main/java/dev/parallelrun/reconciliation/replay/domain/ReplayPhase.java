package dev.parallelrun.reconciliation.replay.domain;

/**
 * A running replay first selects (reads its range once and records every intent it will publish, with the ids their
 * copies get), then publishes them; a selection interrupted by a crash is simply done again (it is idempotent).
 */
public enum ReplayPhase {
    SELECTING,
    PUBLISHING,
    DONE
}
