package dev.parallelrun.claims.domain;

/** The result of deciding a claim: either refused on validation, or assessed and decided. */
public sealed interface ClaimDecision {

    /** The claim was refused; nothing was assessed or decided. */
    record Rejected(RejectionReason reason, String detail) implements ClaimDecision {
    }

    /** The claim was assessed and its payment decided. */
    record Decided(RiskAssessment risk, PaymentDecision payment) implements ClaimDecision {
    }
}
