package dev.parallelrun.adapter.shared.domain;

/**
 * Why a call on the legacy platform got no usable answer, whichever transaction it carried; each maps to the
 * canonical reason of a {@code failed} outcome.
 */
public enum LegacyCallFailure {
    /** No answer within the timeout. */
    TIMEOUT("legacy-timeout"),
    /** A system error, a refused connection, or an answer the adapter cannot read. */
    ERROR("legacy-error");

    private final String reason;

    LegacyCallFailure(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
