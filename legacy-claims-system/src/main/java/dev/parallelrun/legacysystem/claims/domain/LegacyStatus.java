package dev.parallelrun.legacysystem.claims.domain;

/** The overloaded {@code STATUS} code of the legacy platform. */
public enum LegacyStatus {
    /** The claim is paid. */
    APPROVED("00"),
    /** The claim is not paid: referred when {@code FRAUD_IND} is {@code Y}, declined (below the deductible) otherwise. */
    NOT_PAID("02"),
    /** The request failed validation; {@code MSG} says why. */
    VALIDATION_ERROR("09");

    private final String code;

    LegacyStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
