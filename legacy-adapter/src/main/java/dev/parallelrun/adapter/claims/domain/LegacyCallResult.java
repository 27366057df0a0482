package dev.parallelrun.adapter.claims.domain;

/** How a call on the legacy platform ended: with an answer, or without one for a technical reason. */
public sealed interface LegacyCallResult {

    /** The platform answered (which may still be a validation error in its {@code STATUS}). */
    record Answered(LegacyClaimResponse response) implements LegacyCallResult {
    }

    /** No usable answer after the bounded retries. */
    record Unavailable(Failure failure, String detail) implements LegacyCallResult {
    }

    /** Why there was no answer; each maps to the canonical reason of a {@code failed} outcome. */
    enum Failure {
        /** No answer within the timeout. */
        TIMEOUT("legacy-timeout"),
        /** A system error, a refused connection, or an answer the adapter cannot read. */
        ERROR("legacy-error");

        private final String reason;

        Failure(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
