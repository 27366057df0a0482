package dev.parallelrun.claims.application;

/** A side effect a decision asks for, before the gate has decided what happens to it. */
record SideEffectRequest(SideEffectType type, Object payload) {

    /** Payload of a payment instruction. */
    record PaymentInstruction(String claimId, String policyId, java.math.BigDecimal amount, String currency) {
    }

    /**
     * Payload of a customer notification. The recipient is not stored: the notification system resolves
     * the policy holder's contact details itself, so no personal data lands in this service's tables.
     */
    record CustomerNotification(String claimId, String policyId, String template, String decision,
            java.math.BigDecimal paymentAmount, String currency) {
        static final String CLAIM_DECIDED_TEMPLATE = "claim-decided";
    }
}
