package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.reconciliation.domain.OutcomeSnapshot;

/** The first side of a pair, waiting for its counterpart until {@code deadlineMs}. */
record PendingOutcome(OutcomeSnapshot snapshot, long deadlineMs) {
}
