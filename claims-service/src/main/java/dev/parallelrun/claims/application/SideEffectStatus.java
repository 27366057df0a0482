package dev.parallelrun.claims.application;

/** What the gate did with a side effect. */
public enum SideEffectStatus {
    /** Recorded instead of performed: the service was not authoritative (or the intent was a replay). */
    SUPPRESSED,
    /** Handed to the outbox for dispatch: the service was authoritative. */
    DISPATCHED
}
