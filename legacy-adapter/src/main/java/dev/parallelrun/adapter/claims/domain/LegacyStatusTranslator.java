package dev.parallelrun.adapter.claims.domain;

import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.events.claims.ClaimAssessed.FraudDecision;
import dev.parallelrun.events.claims.PaymentDecided.Decision;
import java.util.List;
import java.util.Map;

/**
 * Translates the legacy platform's codes into canonical values: the overloaded {@code STATUS}
 * (whose meaning depends on {@code FRAUD_IND}), the fraud indicator and the single reason code.
 * Unknown codes are refused rather than guessed: the legacy platform's semantics must not leak
 * into the canonical model unchecked.
 */
public final class LegacyStatusTranslator {

    static final String APPROVED = "00";
    static final String NOT_PAID = "02";
    static final String VALIDATION_ERROR = "09";

    private static final Map<String, FraudDecision> FRAUD_INDICATORS = Map.of(
            "Y", FraudDecision.SUSPECTED_FRAUD,
            "R", FraudDecision.REVIEW,
            "N", FraudDecision.CLEAR);

    private static final Map<String, String> REASON_CODES = Map.of(
            "R01", "HIGH_AMOUNT",
            "R02", "SUSPICIOUS_DESCRIPTION",
            "R03", "LATE_REPORTING",
            "R04", "FOREIGN_REGION");

    private static final String UNKNOWN_POLICY_MESSAGE = "UNKNOWN POLICY";

    /** Whether the status says the request failed validation ({@code MSG} says why). */
    public boolean isValidationError(String status) {
        return VALIDATION_ERROR.equals(status);
    }

    /**
     * The canonical payment decision. {@code 02} ("not paid") is overloaded: referred when the fraud
     * indicator is {@code Y}, declined (at or below the deductible) otherwise.
     */
    public Decision decision(String status, String fraudIndicator) {
        if (APPROVED.equals(status)) {
            return Decision.APPROVED;
        }
        if (NOT_PAID.equals(status)) {
            return "Y".equals(fraudIndicator) ? Decision.REFERRED : Decision.DECLINED;
        }
        throw new UnreadableLegacyAnswerException("unknown STATUS '" + status + "'");
    }

    /** The canonical fraud decision class of a fraud indicator ({@code Y}/{@code R}/{@code N}). */
    public FraudDecision fraudDecision(String fraudIndicator) {
        FraudDecision decision = fraudIndicator == null ? null : FRAUD_INDICATORS.get(fraudIndicator);
        if (decision == null) {
            throw new UnreadableLegacyAnswerException("unknown FRAUD_IND '" + fraudIndicator + "'");
        }
        return decision;
    }

    /**
     * The canonical risk reasons: none when clear, otherwise the legacy platform's single reason
     * code mapped to its canonical name.
     */
    public List<String> riskReasons(FraudDecision fraudDecision, String reasonCode) {
        if (fraudDecision == FraudDecision.CLEAR) {
            return List.of();
        }
        String reason = reasonCode == null ? null : REASON_CODES.get(reasonCode);
        if (reason == null) {
            throw new UnreadableLegacyAnswerException("unknown RSN_CD '" + reasonCode + "' with FRAUD_IND "
                    + fraudDecision);
        }
        return List.of(reason);
    }

    /** The canonical reason of a validation error, read from the legacy message. */
    public String rejectionReason(String message) {
        return message != null && message.trim().startsWith(UNKNOWN_POLICY_MESSAGE)
                ? ClaimOutcome.UNKNOWN_POLICY
                : ClaimOutcome.INVALID_CLAIM;
    }
}
