package dev.parallelrun.participant;

/** What the gate did with a side effect. */
public enum SideEffectStatus {
    /** Recorded instead of performed: this participant's side was not authoritative for the intent, or it was a replay. */
    SUPPRESSED,
    /** Committed to the outbox for dispatch: this participant's side was authoritative for the intent. */
    DISPATCHED;

    /** The metric label value. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
