package dev.parallelrun.reconciliation.correlation;

/**
 * What the correlation reports while it works. Counted inside the stream task: after a crash,
 * records reprocessed under exactly-once may be counted again; the stored verdicts are exact.
 */
public interface CorrelationMetrics {

    /** An outcome for a pair whose side had already arrived: dropped, not decided again. */
    void duplicateDropped(String context, String outcomeType);

    /** A counterpart that arrived after the matching window. */
    void lateArrival(String context, String outcomeType, boolean withinGrace);

    /** A record sent to its dead-letter topic. */
    void deadLettered(String topic);

    /** How long the pair waited between the two sides, in milliseconds. */
    void arrivalSkew(String context, String outcomeType, long millis);

    /** An intent that could not be read, so no outcome is expected for it (the participants dead-letter it). */
    default void intentSkipped(String topic) {
    }

    /**
     * An intent that sampling left out of the parallel run ({@code sampled = false}), read for the first time:
     * its lone legacy outcomes end without a verdict instead of a {@code MISSING_SHADOW}.
     */
    default void intentUnsampled(String context) {
    }

    /** An entry of the time index that could not be expired; it is dropped so that expiry goes on. */
    default void expiryFailed() {
    }

    /** Does nothing; for tests that do not look at metrics. */
    CorrelationMetrics NONE = new CorrelationMetrics() {
        @Override
        public void duplicateDropped(String context, String outcomeType) {
        }

        @Override
        public void lateArrival(String context, String outcomeType, boolean withinGrace) {
        }

        @Override
        public void deadLettered(String topic) {
        }

        @Override
        public void arrivalSkew(String context, String outcomeType, long millis) {
        }
    };
}
