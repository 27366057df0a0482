package dev.parallelrun.pricing.application;

import java.math.BigDecimal;

/** The payloads of the side effects a quote asks for ({@link SideEffectType}); they hold no personal data. */
final class SideEffectPayloads {

    private SideEffectPayloads() {
    }

    /**
     * Payload of the quote document sent to the customer. The recipient is not stored: the document service resolves
     * the quote's customer itself, so no personal data lands in this service's tables.
     */
    record QuoteLetter(String quoteId, String template, BigDecimal grossPremium, BigDecimal netPremium,
            BigDecimal taxAmount, String currency) {
        static final String QUOTE_DOCUMENT_TEMPLATE = "premium-quote";
    }

    /** Payload of the referral of a quote to an underwriter, who confirms it before it is offered. */
    record UnderwriterReferral(String quoteId, BigDecimal grossPremium, String currency) {
    }
}
