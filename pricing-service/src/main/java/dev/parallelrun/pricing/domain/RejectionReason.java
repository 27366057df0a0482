package dev.parallelrun.pricing.domain;

/** Why a quote is not priced, with the reason's canonical wire name. */
public enum RejectionReason {
    /** The insured sum is above the line's largest insurable sum. */
    UNINSURABLE("uninsurable"),
    /** The line of business has no tariff in the country. */
    NOT_OFFERED("not-offered"),
    /** A required field is missing or a value is out of range: the request itself is bad. */
    INVALID_REQUEST("invalid-request");

    private final String wireName;

    RejectionReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
