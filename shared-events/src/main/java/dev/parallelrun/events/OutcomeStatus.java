package dev.parallelrun.events;

/** How a side dealt with an intent: decided it, refused it as invalid, or failed technically. */
public enum OutcomeStatus {
    COMPLETED("completed"),
    /** The side refused the intent on validation: the intent itself is bad. */
    REJECTED("rejected"),
    /** A technical failure (timeout, 5xx): says nothing about the business decision. */
    FAILED("failed");

    private final String wireName;

    OutcomeStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutcomeStatus fromWire(String value) {
        for (OutcomeStatus status : values()) {
            if (status.wireName.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown outcome status '" + value + "' (expected completed, rejected or failed)");
    }
}
