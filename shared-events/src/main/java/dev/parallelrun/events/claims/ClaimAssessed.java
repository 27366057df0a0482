package dev.parallelrun.events.claims;

import java.util.List;

/** Outcome: a side assessed the claim's fraud risk. */
public record ClaimAssessed(String claimId, FraudDecision fraudDecision, int riskScore, List<String> riskReasons) {

    public ClaimAssessed {
        riskReasons = riskReasons == null ? List.of() : List.copyOf(riskReasons);
    }

    /** The canonical fraud decision classes. */
    public enum FraudDecision {
        CLEAR,
        REVIEW,
        SUSPECTED_FRAUD
    }
}
