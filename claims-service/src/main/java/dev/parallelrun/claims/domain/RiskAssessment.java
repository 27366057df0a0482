package dev.parallelrun.claims.domain;

import java.util.List;

/**
 * The fraud risk of a claim.
 *
 * @param score   0..100
 * @param reasons the granular reasons, sorted; empty when {@link FraudClass#CLEAR}
 */
public record RiskAssessment(int score, FraudClass fraudClass, List<String> reasons) {

    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }
}
