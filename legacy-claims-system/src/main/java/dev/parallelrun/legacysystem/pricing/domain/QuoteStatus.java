package dev.parallelrun.legacysystem.pricing.domain;

/** The overloaded {@code STATUS} code of the legacy pricing transaction. */
public enum QuoteStatus {
    /** Quoted. */
    QUOTED("Q1"),
    /** Quoted, but referred to an underwriter: the insured sum is above the line's referral limit. */
    REFERRED("Q2"),
    /**
     * Not quoted, for one of two reasons only {@code MSG} tells apart: {@code RISK NOT INSURABLE} (the insured sum is
     * above the line's maximum) or {@code LOB NOT OFFERED IN CTRY} (no tariff for the line in that country).
     */
    DECLINED("E7");

    private final String code;

    QuoteStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
