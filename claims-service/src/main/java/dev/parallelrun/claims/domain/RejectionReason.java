package dev.parallelrun.claims.domain;

/** Why a claim is refused on validation, with the reason's canonical wire name. */
public enum RejectionReason {
    /** The policy does not exist: its number's digits are all zeros ({@code POL-0}, {@code POL-000}). */
    UNKNOWN_POLICY("unknown-policy"),
    /** A required field is missing or a value is out of range. */
    INVALID_CLAIM("invalid-claim");

    private final String wireName;

    RejectionReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
