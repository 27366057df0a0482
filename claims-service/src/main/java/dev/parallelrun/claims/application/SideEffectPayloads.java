package dev.parallelrun.claims.application;

import java.math.BigDecimal;

/** The payloads of the side effects a claim decision asks for ({@link SideEffectType}); they hold no personal data. */
final class SideEffectPayloads {

    private SideEffectPayloads() {
    }

    /** Payload of a payment instruction. */
    record PaymentInstruction(String claimId, String policyId, BigDecimal amount, String currency) {
    }

    /**
     * Payload of a customer notification. The recipient is not stored: the notification system resolves the policy
     * holder's contact details itself, so no personal data lands in this service's tables.
     */
    record CustomerNotification(String claimId, String policyId, String template, String decision,
            BigDecimal paymentAmount, String currency) {
        static final String CLAIM_DECIDED_TEMPLATE = "claim-decided";
    }
}
