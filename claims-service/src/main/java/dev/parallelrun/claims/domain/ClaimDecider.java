package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a claim, assesses its fraud risk and decides its payment, the new way. Deterministic for a
 * given claim and report date.
 */
public final class ClaimDecider {

    private final FraudModel fraudModel = new FraudModel();
    private final PaymentRules paymentRules = new PaymentRules();

    /**
     * Decides a claim.
     *
     * @param reportDate the UTC date of the intent's time
     */
    public ClaimDecision decide(Claim claim, LocalDate reportDate) {
        List<String> problems = problemsOf(claim);
        if (!problems.isEmpty()) {
            return new ClaimDecision.Rejected(RejectionReason.INVALID_CLAIM, String.join("; ", problems));
        }
        if (isUnknownPolicy(claim.policyId())) {
            return new ClaimDecision.Rejected(RejectionReason.UNKNOWN_POLICY,
                    "policy " + claim.policyId() + " is unknown");
        }
        RiskAssessment risk = fraudModel.assess(claim, reportDate);
        return new ClaimDecision.Decided(risk, paymentRules.decide(claim, risk.fraudClass()));
    }

    /** A policy number whose digits (at least one) are all zeros names no policy. */
    static boolean isUnknownPolicy(String policyId) {
        String digits = policyId.replaceAll("\\D", "");
        return digits.matches("0+");
    }

    private static List<String> problemsOf(Claim claim) {
        List<String> problems = new ArrayList<>();
        requireText(problems, "claimId", claim.claimId());
        requireText(problems, "policyId", claim.policyId());
        requireText(problems, "productLine", claim.productLine());
        requireText(problems, "region", claim.region());
        requireText(problems, "currency", claim.currency());
        if (claim.incidentDate() == null) {
            problems.add("incidentDate is required");
        }
        BigDecimal amount = claim.claimedAmount();
        if (amount == null) {
            problems.add("claimedAmount is required");
        } else {
            if (amount.signum() < 0) {
                problems.add("claimedAmount must not be negative");
            }
            if (amount.stripTrailingZeros().scale() > PaymentRules.SCALE) {
                problems.add("claimedAmount must have at most 2 decimal places");
            }
        }
        return problems;
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }
}
